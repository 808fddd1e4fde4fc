import { exampleFleet, synthFleet } from "./support/project";

/**
 * Whole stacks of the examples, on top of the exact tests: a change anywhere in the output
 * shows up here for review (`npx jest -u` accepts it).
 */
const stacks = synthFleet(exampleFleet());

test.each(Object.keys(stacks))("given the example files, then the synthesized stack %s matches its snapshot", (name) => {
  expect(stacks[name]).toMatchSnapshot();
});
