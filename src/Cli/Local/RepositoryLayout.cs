namespace AgentFunctions.Cli.Local;

/// <summary>Finds the repository root and the build outputs the local launchers need.</summary>
public static class RepositoryLayout
{
    /// <summary>Walks up from <paramref name="startDirectory"/> (default: this assembly's folder) to the folder holding <c>AgentFunctions.sln</c>.</summary>
    /// <param name="startDirectory">Where to start, or null for the folder of this assembly.</param>
    /// <returns>The repository root.</returns>
    /// <exception cref="DirectoryNotFoundException">No ancestor holds <c>AgentFunctions.sln</c>.</exception>
    public static string FindRoot(string? startDirectory = null)
    {
        var dir = new DirectoryInfo(startDirectory ?? AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AgentFunctions.sln")))
            {
                return dir.FullName;
            }

            dir = dir.Parent;
        }

        throw new DirectoryNotFoundException(
            $"Could not find AgentFunctions.sln above '{startDirectory ?? AppContext.BaseDirectory}'. Run from inside a clone of the repository.");
    }

    /// <summary>Gets the build configuration this assembly was built in (Debug or Release), read from its output path.</summary>
    /// <returns>"Release" when the assembly lives under a <c>bin/Release</c> folder, else "Debug".</returns>
    public static string CurrentConfiguration()
    {
        var path = AppContext.BaseDirectory.Replace('\\', '/');
        return path.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
    }

    /// <summary>Gets the path of the built Functions app assembly.</summary>
    /// <param name="root">Repository root.</param>
    /// <param name="configuration">Build configuration, or null for <see cref="CurrentConfiguration"/>.</param>
    /// <returns>The full path of <c>AgentFunctions.Functions.dll</c>.</returns>
    /// <exception cref="FileNotFoundException">The app has not been built in that configuration.</exception>
    public static string FunctionsAssembly(string root, string? configuration = null)
    {
        configuration ??= CurrentConfiguration();
        var path = Path.Combine(root, "src", "Functions", "bin", configuration, "net10.0", "AgentFunctions.Functions.dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The Functions app is not built in {configuration}: '{path}' is missing. Run 'dotnet build -c {configuration}' first.", path);
        }

        return path;
    }
}
