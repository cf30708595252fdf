const mongoose = require('mongoose');
(async () => {
  const port = process.argv[2];
  await mongoose.connect(`mongodb://127.0.0.1:${port}/perfprobe`);
  const c = mongoose.connection.collection('docs');
  await c.drop().catch(()=>{});
  await c.createIndex({ k: 1 }, { unique: true });
  const big = { history: Array.from({ length: 10 }, (_, i) => ({ seq: i, type: 'MessagePosted', text: 'x'.repeat(100), by: { role: 'agent', id: 'a' } })) };
  for (let i = 0; i < 1000; i += 100) await c.insertMany(Array.from({ length: 100 }, (_, j) => ({ _id: 'id' + (i + j), k: 'k' + (i + j), state: big })));
  let t = Date.now(); for (let i = 0; i < 50; i++) await c.findOne({ _id: 'id' + i * 7 }); console.log('by _id ms/op', (Date.now() - t) / 50);
  t = Date.now(); for (let i = 0; i < 50; i++) await c.findOne({ k: 'k' + i * 7 }); console.log('by unique field ms/op', (Date.now() - t) / 50);
  t = Date.now(); for (let i = 0; i < 50; i++) await c.updateOne({ _id: 'id' + i * 7, v: { $exists: false } }, { $set: { w: i } }); console.log('update by _id ms/op', (Date.now() - t) / 50);
  t = Date.now(); for (let i = 0; i < 50; i++) await c.insertOne({ _id: 'new' + i, k: 'newk' + i, state: big }); console.log('insert ms/op', (Date.now() - t) / 50);
  await mongoose.disconnect();
})();
