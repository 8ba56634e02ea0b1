namespace FlaxGuard.NanoGate.Projects;

/// <summary>
/// The firmware assemblies of a tree: every .nfproj below it (skipping bin/ and obj/), ordered so that each comes after
/// the assemblies it references. A reference to an .nfproj that does not exist, two projects with one assembly name and
/// reference cycles are <see cref="Errors"/>; the projects involved are left out of <see cref="Ordered"/>.
/// </summary>
public sealed class NanoProjectGraph
{
    public const string ProjectExtension = ".nfproj";

    private NanoProjectGraph(IReadOnlyList<NanoProject> ordered, IReadOnlyList<string> errors)
    {
        Ordered = ordered;
        Errors = errors;
    }

    /// <summary>Dependencies first.</summary>
    public IReadOnlyList<NanoProject> Ordered { get; }

    public IReadOnlyList<string> Errors { get; }

    /// <summary>The .nfproj files below <paramref name="directory"/>, sorted.</summary>
    public static IReadOnlyList<string> Find(string directory)
    {
        var found = new List<string>();
        Walk(new DirectoryInfo(directory), found);
        found.Sort(StringComparer.Ordinal);
        return found;

        static void Walk(DirectoryInfo dir, List<string> found)
        {
            foreach (FileInfo file in dir.EnumerateFiles("*" + ProjectExtension)) found.Add(file.FullName);
            foreach (DirectoryInfo sub in dir.EnumerateDirectories())
            {
                if (sub.Name is "bin" or "obj" || (sub.Attributes & FileAttributes.ReparsePoint) != 0) continue;
                Walk(sub, found);
            }
        }
    }

    public static NanoProjectGraph Load(IEnumerable<string> projectPaths, Func<string, string> display)
    {
        var projects = projectPaths.Select(p => NanoProjectReader.Read(p, display)).ToList();
        var byPath = projects.ToDictionary(p => p.ProjectPath, StringComparer.Ordinal);
        var errors = new List<string>();
        var broken = new HashSet<string>(StringComparer.Ordinal);

        foreach (var sameName in projects.GroupBy(p => p.AssemblyName, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add("assembly " + sameName.Key + " is built by more than one project: " + string.Join(", ", sameName.Select(p => display(p.ProjectPath))));
            foreach (NanoProject project in sameName) broken.Add(project.ProjectPath);
        }
        foreach (NanoProject project in projects)
        {
            foreach (string reference in project.ProjectReferences.Where(r => !byPath.ContainsKey(r)))
            {
                errors.Add(display(project.ProjectPath) + ": <ProjectReference> to " + display(reference) + ", which does not exist");
                broken.Add(project.ProjectPath);
            }
        }

        // Depth-first topological order; a back edge is a cycle, reported once with its members.
        var ordered = new List<NanoProject>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (NanoProject project in projects.OrderBy(p => p.AssemblyName, StringComparer.Ordinal)) Visit(project);
        return new NanoProjectGraph(ordered, errors);

        bool Visit(NanoProject project)
        {
            if (done.Contains(project.ProjectPath)) return !broken.Contains(project.ProjectPath);
            int onPath = path.IndexOf(project.ProjectPath);
            if (onPath >= 0)
            {
                var cycle = path.Skip(onPath).Append(project.ProjectPath).Select(p => byPath[p].AssemblyName);
                errors.Add("firmware assemblies reference each other in a cycle: " + string.Join(" -> ", cycle));
                foreach (string member in path.Skip(onPath)) broken.Add(member);
                return false;
            }

            path.Add(project.ProjectPath);
            bool ok = !broken.Contains(project.ProjectPath);
            foreach (string reference in project.ProjectReferences)
            {
                if (byPath.TryGetValue(reference, out NanoProject? dependency) && !Visit(dependency))
                {
                    if (ok && !broken.Contains(project.ProjectPath))
                    {
                        errors.Add(project.AssemblyName + ": not compiled because " + dependency.AssemblyName + " cannot be");
                    }
                    ok = false;
                }
            }
            path.RemoveAt(path.Count - 1);
            done.Add(project.ProjectPath);
            if (!ok) { broken.Add(project.ProjectPath); return false; }
            ordered.Add(project);
            return true;
        }
    }

    /// <summary><paramref name="roots"/> and every project they reference, directly or not, in dependency order.</summary>
    public IReadOnlyList<NanoProject> WithDependencies(IEnumerable<NanoProject> roots)
    {
        var byPath = Ordered.ToDictionary(p => p.ProjectPath, StringComparer.Ordinal);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<NanoProject>(roots);
        while (stack.Count > 0)
        {
            NanoProject project = stack.Pop();
            if (!wanted.Add(project.ProjectPath)) continue;
            foreach (string reference in project.ProjectReferences)
            {
                if (byPath.TryGetValue(reference, out NanoProject? dependency)) stack.Push(dependency);
            }
        }
        return Ordered.Where(p => wanted.Contains(p.ProjectPath)).ToList();
    }
}
