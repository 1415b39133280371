using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TwilioConsole.Tests.Fakes;

/// <summary>Reads the SQLite file of an app running as a separate process (read-only, never pooled).</summary>
public static class AppDatabase
{
    public static int CountThankYouTexts(string dataFolder, string where)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataFolder, "console.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM ThankYouTexts WHERE " + where;
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
