import { parentPort, workerData } from "worker_threads";
import type { Fleet } from "../model/types";
import { synthStacks } from "./synth-stacks";

/** Worker thread entry: synthesizes its share of an already validated fleet. */
const { fleet, outdir } = workerData as { fleet: Fleet; outdir: string };
// Stryker disable next-line OptionalChaining: in a worker thread parentPort is never null, so `parentPort.` behaves the same.
parentPort?.postMessage(synthStacks(fleet, outdir));
