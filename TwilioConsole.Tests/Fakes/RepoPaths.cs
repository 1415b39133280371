namespace TwilioConsole.Tests.Fakes;

/// <summary>Folders of the repository, found from the test binary's location.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Artifacts(string lane)
    {
        var folder = Path.Combine(Root, "artifacts", lane);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TwilioConsole.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TwilioConsole.sln not found above " + AppContext.BaseDirectory);
    }
}
