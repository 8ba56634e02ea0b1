namespace FlaxGuard.Fuzz;

/// <summary>Runs a target over saved inputs (a crash afl found, a corpus) and prints what each did.</summary>
public static class Replay
{
    /// <returns>0 when no input crashed, 1 otherwise.</returns>
    public static int Run(IFuzzTarget target, IEnumerable<string> paths)
    {
        int crashes = 0, total = 0;
        foreach (string file in paths.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p).Order() : (IEnumerable<string>)[p]))
        {
            total++;
            byte[] input = File.ReadAllBytes(file);
            try
            {
                bool accepted = target.Run(input);
                Console.WriteLine($"{(accepted ? "accepted" : "refused "),-9} {file}");
            }
            catch (Exception e)
            {
                crashes++;
                Console.WriteLine($"CRASH     {file}: {e}");
            }
        }
        Console.WriteLine($"{target.Name}: {total} inputs, {crashes} crashes");
        return crashes == 0 ? 0 : 1;
    }
}
