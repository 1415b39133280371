namespace TwilioConsole.Core.Data;

/// <summary>Checks at start-up that the data folder exists and can be written, so the error names the folder.</summary>
public static class DataFolder
{
    public static void EnsureWritable(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new DataFolderNotWritableException(folder, e);
        }
    }
}
