namespace TwilioConsole.Core;

/// <summary>CSV fields for exports opened in spreadsheets.</summary>
public static class CsvText
{
    /// <summary>Quotes a field and neutralises spreadsheet formulas (=, +, -, @ at the start).</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
