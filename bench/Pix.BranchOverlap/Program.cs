using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Bench;
using Pix.BranchOverlap;

// Does a mispredicted direction branch cost its refill on top of a walk's load chain, or does the refill
// overlap the chain? Walks of 64 steps per call (Walks.cs), one call at a time with a load fence after each,
// as the network functions' driver times a packet; ns per step (call overhead spread over the steps).
// Variants alternate pass by pass, so a burst of load hits all of them alike.
//
//   dotnet run -c Release --project bench/Pix.BranchOverlap -- [--passes 101] [--calls 400]
// random − predictable per step is what half a miss adds: compare it between the off-chain and on-chain
// kernels, and between the short and the long chain (docs/accuracy.md, "Eleventh session: the router's
// direction branch").
int passes = 101, calls = 400;
if (!AlternatingVariants.TryReadOptions(args, ref passes, ref calls))
{
    return 2;
}

const int Steps = 64;
var random = new Random(20261130);
var walks = new Walks(random);

var variants = new List<(string Name, Func<int, int> Call)>
{
    ("no chain (independent loads), predictable", _ => walks.Independent(false, Steps)),
    ("no chain (independent loads), random", _ => walks.Independent(true, Steps)),
};
foreach (bool multiplies in new[] { false, true })
{
    string chain = multiplies ? "load + 2 imul" : "load";
    foreach (bool randomDirections in new[] { false, true })
    {
        string directions = randomDirections ? "random" : "predictable";
        variants.Add(($"off chain, {chain}, {directions}", _ => walks.OffChain(randomDirections, Steps, multiplies)));
        variants.Add(($"on chain, {chain}, {directions}", _ => walks.OnChain(randomDirections, Steps, multiplies)));
    }
}

int walkVariants = variants.Count;

// The off-chain walks made branch-free on the same random directions (offchain28): random − branch-free is what the
// misses add to the walk itself, which random − predictable also counts the directions' own differences in.
int branchFreeVariants = variants.Count;
variants.Add(("off chain, load, branch-free", _ => walks.OffChainBranchFree(Steps, false)));
variants.Add(("off chain, load + 2 imul, branch-free", _ => walks.OffChainBranchFree(Steps, true)));

// The same no-chain and off-chain walks on the 64 Ki-bit stream every walk used until the twenty-seventh session, which the
// predictor learns in part (miss27): what the short stream took off a miss.
var learnt = new Walks(new Random(20261130), streamLength: 1 << 16);
variants.Add(("no chain, 64 Ki-bit stream, predictable", _ => learnt.Independent(false, Steps)));
variants.Add(("no chain, 64 Ki-bit stream, random", _ => learnt.Independent(true, Steps)));
variants.Add(("off chain, load, 64 Ki-bit stream, predictable", _ => learnt.OffChain(false, Steps, false)));
variants.Add(("off chain, load, 64 Ki-bit stream, random", _ => learnt.OffChain(true, Steps, false)));

(List<double>[] times, long sink) = AlternatingVariants.Time(
    variants.Select(v => v.Call).ToList(), variants.Select(_ => (double)Steps).ToList(), passes, calls);
Console.WriteLine($"{calls} calls x {passes} passes, {Steps} steps per call; ns per step (call overhead included); checksum {sink}");
AlternatingVariants.Print(variants.Select(v => v.Name).ToList(), times, "F3");

// Half the random steps miss: what one miss adds is twice the difference of the medians.
double Median(int v) => times[v].OrderBy(t => t).ToList()[times[v].Count / 2];
Console.WriteLine($"{"no chain",-40} one miss adds {2 * (Median(1) - Median(0)):F3} ns (medians): the front end's time per miss");
for (int v = 2; v < walkVariants; v += 4)
{
    foreach (int offset in new[] { 0, 1 })
    {
        double predictable = Median(v + offset);
        double mispredicted = Median(v + offset + 2);
        Console.WriteLine($"{variants[v + offset].Name.Replace(", predictable", ""),-40} one miss adds {2 * (mispredicted - predictable):F3} ns (medians)");
    }
}

Console.WriteLine($"{"off chain, load",-40} one miss adds {2 * (Median(4) - Median(branchFreeVariants)):F3} ns over the branch-free walk (medians)");
Console.WriteLine($"{"off chain, load + 2 imul",-40} one miss adds {2 * (Median(8) - Median(branchFreeVariants + 1)):F3} ns over the branch-free walk (medians)");
for (int v = branchFreeVariants + 2; v < variants.Count; v += 2)
{
    Console.WriteLine($"{variants[v].Name.Replace(", predictable", ""),-40} one miss adds {2 * (Median(v + 1) - Median(v)):F3} ns (medians)");
}

return 0;
