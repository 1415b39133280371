namespace TwilioConsole.Benchmarks;

/// <summary>
/// A run's own folder under the system's temporary folder (the app's database, signed event files), deleted when the
/// run ends — one wrk run leaves up to 900 MB — unless <c>BENCH_KEEP_DATA=1</c> keeps it to look into. Declare it
/// before the app process, so the app has stopped when the folder goes.
/// </summary>
internal sealed class ScratchFolder : IDisposable
{
    private ScratchFolder(string path) => Path = path;

    public string Path { get; }

    public static ScratchFolder Create(string prefix) => new(Directory.CreateTempSubdirectory(prefix).FullName);

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("BENCH_KEEP_DATA") == "1")
        {
            Console.WriteLine($"Kept the run's data in {Path}.");
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"Could not delete {Path}: {e.Message}");
        }
    }
}
