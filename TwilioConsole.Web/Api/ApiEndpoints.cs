using System.Globalization;
using System.Text;
using TwilioConsole.Core.Audit;
using TwilioConsole.Core.Live;

namespace TwilioConsole.Web.Api;

/// <summary>Endpoints for signed-in users under <c>/api</c>; anonymous callers get 401, not a sign-in page.</summary>
public static class ApiEndpoints
{
    public static WebApplication MapConsoleApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapGet("/audit.csv", ExportAuditAsync);
        api.MapGet("/live/board", Board);
        api.MapGet("/live/history.csv", ExportHistoryAsync);
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

    internal static string Csv(string? value) => Core.CsvText.Field(value);

    /// <summary>The live board as this instance has it now (JSON): what the Live page shows.</summary>
    private static BoardSnapshot Board(BoardFeed feed) => feed.Current;

    /// <summary>The charts' figures for the last <paramref name="days"/> days (default 7) as CSV.</summary>
    private static async Task<IResult> ExportHistoryAsync(LiveHistoryQuery history, int? days, CancellationToken ct) =>
        Results.File(Encoding.UTF8.GetBytes(LiveHistoryQuery.Csv(await history.DaysAsync(days ?? 7, ct))), "text/csv", "contact-center-history.csv");
}
