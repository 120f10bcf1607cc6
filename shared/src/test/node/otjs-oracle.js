'use strict';
// Reference oracle for OtJsDifferentialTest. Reads one JSON request per line from stdin and, once
// stdin ends, writes one JSON answer per line, in order. Reading everything first means the Java
// side can write the whole batch before reading, with no risk of both ends blocking on full pipes.
//
// Requests: {"kind":"transform"|"compose","a":[..],"b":[..]} and {"kind":"apply"|"invert","a":[..],"doc":".."}
// Answers:  {"a":[..],"b":[..]} for transform, {"result":..} otherwise, {"error":".."} if ot.js throws.
const TextOperation = require('ot').TextOperation;

function answer(q) {
  const a = TextOperation.fromJSON(q.a);
  switch (q.kind) {
    case 'transform': {
      const pair = TextOperation.transform(a, TextOperation.fromJSON(q.b));
      return { a: pair[0].toJSON(), b: pair[1].toJSON() };
    }
    case 'compose':
      return { result: a.compose(TextOperation.fromJSON(q.b)).toJSON() };
    case 'apply':
      return { result: a.apply(q.doc) };
    case 'invert':
      return { result: a.invert(q.doc).toJSON() };
    default:
      throw new Error('unknown kind ' + q.kind);
  }
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const out = [];
  for (const line of input.split('\n')) {
    if (line.trim() === '') { continue; }
    try {
      out.push(JSON.stringify(answer(JSON.parse(line))));
    } catch (e) {
      out.push(JSON.stringify({ error: String(e && e.message) }));
    }
  }
  process.stdout.write(out.join('\n') + '\n');
});
