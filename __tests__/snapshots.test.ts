import { fixtureFleet, synthFleet } from "./support/project";

/**
 * Whole stacks of the fixture tenants (`__tests__/fixtures/`), on top of the exact tests: a
 * change anywhere in the output shows up here for review (`npm run test:update-snapshots`
 * accepts it). The real `tenants/` folder is not snapshotted, so adding a tenant changes
 * no test.
 */
const stacks = synthFleet(fixtureFleet());

test.each(Object.keys(stacks))("given the fixture files, then the synthesized stack %s matches its snapshot", (name) => {
  expect(stacks[name]).toMatchSnapshot("to accept an intended change: npm run test:update-snapshots");
});
