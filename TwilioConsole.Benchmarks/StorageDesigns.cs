using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TwilioConsole.Core.Data;

namespace TwilioConsole.Benchmarks;

/// <summary>
/// What storing one TaskRouter event costs SQLite itself, per design, on the app's own migrated schema and with its
/// connection settings (WAL, <c>synchronous=NORMAL</c>, automatic checkpoints off, a PASSIVE checkpoint between
/// rounds): one thread, no web server, no contention. A table of events is stored first, then the measured ones, in
/// batches as the group commit makes them, one transaction each, every tenth event a repeat. Reports microseconds of
/// wall and CPU time per event for:
/// <list type="bullet">
/// <item>today's design: the thank-you text and the board's event, TaskSids and event SIDs random as TaskRouter's are;</item>
/// <item>the same with counted SIDs (<c>WT000…0001</c>), as the wrk run sent them until 2026-12-04;</item>
/// <item>the board's row alone (the text planned and stored later, off the request path);</item>
/// <item>the board's row alone, its unique key led by the event's time, so its inserts land on the index's last pages.</item>
/// </list>
/// See bench/RESULTS.md, "Fifth look".
/// </summary>
internal static class StorageDesigns
{
    private const int BatchSize = 80;

    public static async Task<int> RunAsync(string[] args)
    {
        var stored = int.Parse(args.ElementAtOrDefault(0) ?? "200000", CultureInfo.InvariantCulture);
        var measured = int.Parse(args.ElementAtOrDefault(1) ?? "96000", CultureInfo.InvariantCulture);
        Console.WriteLine($"Machine: {LoadApp.Machine()}. {stored:N0} events stored first, then {measured:N0} measured in batches of {BatchSize}, one thread.");
        Console.WriteLine("| Design | Wall µs per event | CPU µs per event |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var design in Enum.GetValues<Design>())
        {
            using var scratch = ScratchFolder.Create("twilio-console-storage-");
            var (wall, cpu) = await MeasureAsync(design, Path.Combine(scratch.Path, "console.db"), stored, measured);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {Describe(design)} | {wall:0.0} | {cpu:0.0} |"));
        }

        return 0;
    }

    private enum Design { TextAndEvent, TextAndEventCountedSids, EventOnly, EventOnlyTimeKeyed }

    private static string Describe(Design design) => design switch
    {
        Design.TextAndEvent => "Text + board event (today), random SIDs",
        Design.TextAndEventCountedSids => "Text + board event (today), counted SIDs",
        Design.EventOnly => "Board event only, unique EventKey",
        _ => "Board event only, unique (OccurredAt, EventKey)",
    };

    private static async Task<(double Wall, double Cpu)> MeasureAsync(Design design, string file, int stored, int measured)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={file}")
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)).Options; // the model without Identity's options; the migrations are the app's
        await using (var db = new AppDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0;");
        if (design == Design.EventOnlyTimeKeyed)
        {
            Execute(connection, """DROP INDEX "IX_BoardEvents_EventKey"; CREATE UNIQUE INDEX "IX_BoardEvents_OccurredAt_EventKey" ON "BoardEvents" ("OccurredAt", "EventKey");""");
        }

        var conflict = design == Design.EventOnlyTimeKeyed ? "\"OccurredAt\", \"EventKey\"" : "\"EventKey\"";
        using var text = Command(connection, "ThankYouTexts", "\"TaskSid\"", "TaskSid", "EventType", "CustomerNumber", "CustomerName", "QueueName", "AgentName",
            "Body", "Status", "Attempts", "NextAttemptAt", "Mode", "CreatedAt", "UpdatedAt");
        using var boardEvent = Command(connection, "BoardEvents", conflict, "EventKey", "EventType", "OccurredAt", "TaskSid", "QueueSid", "QueueName",
            "WorkerSid", "WorkerName", "Channel", "Mode");
        var withText = design is Design.TextAndEvent or Design.TextAndEventCountedSids;
        var random = new Random(42);
        var start = DateTimeOffset.UtcNow.UtcTicks;

        void Store(long first, int count)
        {
            for (var batch = first; batch < first + count; batch += BatchSize)
            {
                using var transaction = connection.BeginTransaction();
                (text.Transaction, boardEvent.Transaction) = (transaction, transaction);
                for (var i = batch; i < batch + BatchSize; i++)
                {
                    var task = i % 10 == 9 ? random.NextInt64(0, i) : i;
                    var taskSid = design == Design.TextAndEventCountedSids ? $"WT{task:x32}" : "WT" + Hash("task", task);
                    var at = start + task * TimeSpan.TicksPerMillisecond;
                    if (withText)
                    {
                        Run(text, taskSid, "task.wrapup", "+14155550100", $"Caller {task}", "Support", "Alice",
                            $"Thanks for calling Support, Caller {task}. Alice was glad to help.", "Pending", 0, at, "Twilio", at, at);
                    }

                    Run(boardEvent, design == Design.TextAndEventCountedSids ? $"EV{task:x32}" : "EV" + Hash("event", task), "task.wrapup", at, taskSid,
                        "WQ" + new string('0', 32), "Support", "WK" + new string('0', 32), "Alice", "voice", "Twilio");
                }

                transaction.Commit();
            }
        }

        Store(0, stored);
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (long done = stored; done < stored + measured; done += 8_000)
        {
            Store(done, 8_000);
            Execute(connection, "PRAGMA wal_checkpoint(PASSIVE);"); // the app's checkpointer, once a second or so at these rates
        }

        process.Refresh();
        return (clock.Elapsed.TotalMicroseconds / measured, (process.TotalProcessorTime - cpu).TotalMicroseconds / measured);
    }

    private static SqliteCommand Command(SqliteConnection connection, string table, string conflict, params string[] columns)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))}) " +
                              $"ON CONFLICT ({conflict}) DO NOTHING RETURNING \"Id\"";
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter("@p" + i, DBNull.Value));
        }

        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteScalar();
    }

    private static string Hash(string kind, long n) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{kind}:{n}"))))[..32];

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
