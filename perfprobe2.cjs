const mongoose = require('mongoose');
(async () => {
  const port = process.argv[2]; const n = Number(process.argv[3]);
  await mongoose.connect(`mongodb://127.0.0.1:${port}/perfprobe2`);
  const c = mongoose.connection.collection('docs' + n);
  await c.drop().catch(()=>{});
  const big = { history: Array.from({ length: 10 }, (_, i) => ({ seq: i, type: 'MessagePosted', text: 'x'.repeat(100), by: { role: 'agent', id: 'a' } })) };
  for (let i = 0; i < n; i += 100) await c.insertMany(Array.from({ length: Math.min(100, n - i) }, (_, j) => ({ _id: 'id' + (i + j), k: 'k' + (i + j), state: big })));
  let t = Date.now(); for (let i = 0; i < 50; i++) await c.findOne({ _id: 'id' + (i * 7) % n }); const a = (Date.now() - t) / 50;
  t = Date.now(); for (let i = 0; i < 50; i++) await c.updateOne({ _id: 'id' + (i * 7) % n }, { $set: { w: i } }); const b = (Date.now() - t) / 50;
  t = Date.now(); for (let i = 0; i < 50; i++) await c.updateOne({ _id: 'id' + (i * 7) % n, k: 'k' + (i * 7) % n }, { $set: { w: i } }); const d = (Date.now() - t) / 50;
  console.log(`n=${n} findById ${a} updateById ${b} update{_id,k} ${d}`);
  await mongoose.disconnect();
})();
