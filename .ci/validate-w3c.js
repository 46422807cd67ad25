// Validates every annotation of a claimlens W3C export with the public JSON Schema validator
// `validate-web-annotation` (npm). Usage: NODE_PATH=DIR/node_modules node validate-w3c.js EXPORT.jsonld
const validate = require('validate-web-annotation');
const fs = require('fs');
const doc = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const items = doc.first && doc.first.items ? doc.first.items : [];
let invalid = 0;
for (const a of items) {
  if (!validate(a)) {
    invalid++;
    console.error(`invalid: ${a.id}`);
  }
}
console.log(`w3c.validate-web-annotation ${items.length - invalid} valid, ${invalid} invalid`);
process.exit(items.length > 0 && invalid === 0 ? 0 : 1);
