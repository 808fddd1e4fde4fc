import { exampleFleet, synthFleet } from "./support/project";

test("examples synth", () => {
  const stacks = synthFleet(exampleFleet());
  expect(Object.keys(stacks)).toEqual(["platform", "tenant-acme", "tenant-globex", "tenant-initech"]);
  console.log(JSON.stringify(stacks["tenant-globex"]).slice(0, 500));
});
