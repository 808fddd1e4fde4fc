import * as fs from "fs";
import * as path from "path";
import { JSON_SCHEMA_FILES, jsonSchemaText } from "../model/json-schemas";

const root = path.resolve(__dirname, "..", "..", "..");
for (const [file, schema] of Object.entries(JSON_SCHEMA_FILES)) {
  fs.writeFileSync(path.join(root, file), jsonSchemaText(schema));
  console.log(`wrote ${file}`);
}
