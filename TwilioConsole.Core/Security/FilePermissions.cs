namespace TwilioConsole.Core.Security;

/// <summary>Owner-only permissions for the data folder, the database and the key file (Unix; Windows relies on ACLs).</summary>
public static class FilePermissions
{
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void OwnerOnlyFolder(string folder)
    {
        if (!OperatingSystem.IsWindows() && Directory.Exists(folder))
        {
            File.SetUnixFileMode(folder, OwnerFolder);
        }
    }

    /// <summary>0600 on each file that exists.</summary>
    public static void OwnerOnlyFiles(params string[] files)
    {
        foreach (var file in files)
        {
            if (!OperatingSystem.IsWindows() && File.Exists(file))
            {
                File.SetUnixFileMode(file, OwnerFile);
            }
        }
    }

    /// <summary>A new file that is 0600 from its first byte (no window in which others could open it).</summary>
    public static FileStream CreateOwnerOnlyFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerFile;
        }

        return new FileStream(path, options);
    }
}
