import { parentPort, workerData } from "worker_threads";
import type { Fleet } from "../model/types";
import { synthStacks } from "./synth-stacks";

/** Worker thread entry: synthesizes its share of an already validated fleet. */
const { fleet, outdir } = workerData as { fleet: Fleet; outdir: string };
parentPort?.postMessage(synthStacks(fleet, outdir));
