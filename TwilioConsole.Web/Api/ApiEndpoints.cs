using System.Globalization;
using System.Text;
using TwilioConsole.Core.Audit;

namespace TwilioConsole.Web.Api;

/// <summary>Endpoints for signed-in users under <c>/api</c>; anonymous callers get 401, not a sign-in page.</summary>
public static class ApiEndpoints
{
    public static WebApplication MapConsoleApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapGet("/audit.csv", ExportAuditAsync);
        return app;
    }

    /// <summary>The audit log as CSV, newest first, with the same filters as the Audit log page.</summary>
    private static async Task<IResult> ExportAuditAsync(AuditLog audit, string? search, string? area, bool? succeeded, CancellationToken ct)
    {
        var csv = new StringBuilder("at,actor,action,target,succeeded,details,error\n");
        for (var pageNumber = 0; ; pageNumber++)
        {
            var page = await audit.QueryAsync(new AuditQuery(search, area, succeeded, Page: pageNumber, PageSize: 500), ct);
            foreach (var e in page.Items)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{e.At:O},{Csv(e.Actor)},{Csv(e.Action)},{Csv(e.Target)},{(e.Succeeded ? "true" : "false")},{Csv(e.Details)},{Csv(e.Error)}\n");
            }

            if (page.Items.Count < 500)
            {
                break;
            }
        }

        return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", "audit-log.csv");
    }

    /// <summary>Quotes a field and neutralises spreadsheet formulas (=, +, -, @ at the start).</summary>
    internal static string Csv(string? value)
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
