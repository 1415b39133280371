using System.ComponentModel.DataAnnotations;

namespace TwilioConsole.Core.Data;

public enum DatabaseProvider
{
    Sqlite,

    /// <summary>PostgreSQL through Npgsql, for several instances sharing one database; needs a connection string.</summary>
    PostgreSql,
}

/// <summary>Where the console keeps its data. Bound from <c>TwilioConsole:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "TwilioConsole:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The folder for the SQLite file; relative paths are resolved against the app's content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataFolder { get; set; } = "App_Data";

    /// <summary>A full connection string; when empty, SQLite uses <c>console.db</c> in <see cref="DataFolder"/>.</summary>
    public string? ConnectionString { get; set; }

    public string ResolveDataFolder(string contentRoot) =>
        Path.GetFullPath(Path.IsPathRooted(DataFolder) ? DataFolder : Path.Combine(contentRoot, DataFolder));

    public string ResolveConnectionString(string contentRoot) =>
        string.IsNullOrWhiteSpace(ConnectionString)
            ? $"Data Source={Path.Combine(ResolveDataFolder(contentRoot), "console.db")};Pooling=True"
            : ConnectionString;
}
