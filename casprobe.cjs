const mongoose = require('mongoose');
(async () => {
  const port = process.argv[2];
  await mongoose.connect(`mongodb://127.0.0.1:${port}/casprobe`, { maxPoolSize: 50 });
  const c = mongoose.connection.collection('docs');
  let totalWinners = 0, rounds = 20, multi = 0;
  for (let r = 0; r < rounds; r++) {
    await c.deleteMany({});
    await c.insertOne({ _id: 'a', v: 0 });
    const res = await Promise.all(Array.from({ length: 20 }, (_, i) => c.updateOne({ _id: 'a', v: 0 }, { $set: { v: 1, by: i } })));
    const winners = res.filter((x) => x.matchedCount === 1).length;
    totalWinners += winners; if (winners > 1) multi++;
  }
  console.log(`port ${port}: rounds with >1 winner: ${multi}/${rounds}, avg winners ${totalWinners / rounds}`);
  const r2 = await Promise.all(Array.from({ length: 20 }, (_, i) => c.findOneAndUpdate({ _id: 'a', v: 1 }, { $set: { v: 2, by: i } })));
  console.log('findOneAndUpdate winners', r2.filter(Boolean).length);
  await mongoose.disconnect();
})();
