using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.PostgreSql;

/// <summary>
/// Two app processes on one PostgreSQL database (started by ./test.sh, which sets TWILIO_CONSOLE_PG): events spread
/// over both instances, with duplicates, make one text per task; killing one instance mid-dispatch loses nothing and
/// sends nothing twice; a sign-in on one instance is a sign-in on the other.
/// </summary>
[Trait("Lane", "PostgreSql")]
public sealed partial class MultiInstanceTests : IAsyncLifetime
{
    private const int Tasks = 8;
    private readonly FakeMessagesServer _twilio = new() { Latency = TimeSpan.FromSeconds(1) };
    private readonly string _database = "tc_" + Guid.NewGuid().ToString("N")[..12];
    private string? _server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        _server = System.Environment.GetEnvironmentVariable("TWILIO_CONSOLE_PG");
        if (_server is null)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
        await create.ExecuteNonQueryAsync();
        await _twilio.StartAsync();
    }

    private void SkipWithoutServer()
    {
        if (_server is not null)
        {
            return;
        }

        const string message = "No PostgreSQL server: ./test.sh starts one and sets TWILIO_CONSOLE_PG.";
        if (System.Environment.GetEnvironmentVariable("TWILIO_PG_REQUIRED") == "1")
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
    }

    private Dictionary<string, string> Environment(bool dispatch) => new(AppProcess.TwilioMode(_twilio.BaseUrl, new Uri("https://console.example.com/")))
    {
        ["TwilioConsole__Database__Provider"] = "PostgreSql",
        ["TwilioConsole__Database__ConnectionString"] = ConnectionString,
        ["TwilioConsole__ThankYou__Dispatch"] = dispatch ? "true" : "false",
        ["TwilioConsole__ThankYou__SendConcurrency"] = "2",
        ["TwilioConsole__ThankYou__InFlightGraceSeconds"] = "2",
        ["TwilioConsole__Admin__Email"] = "ops@example.com",
        ["TwilioConsole__Admin__Password"] = "Str0ng-Passw0rd!",
        [Core.Security.KeyEncryptionKeyStore.EnvironmentVariable] = SharedKeyEncryptionKey, // several instances share one key
    };

    /// <summary>Two app processes on the one database, started one after the other; both stop when it is disposed.</summary>
    private sealed class Instances(AppProcess a, AppProcess b) : IAsyncDisposable
    {
        public AppProcess A { get; } = a;

        public AppProcess B { get; } = b;

        public async ValueTask DisposeAsync()
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
        }
    }

    private async Task<Instances> TwoInstancesAsync(bool dispatch)
    {
        var a = AppProcess.OnFreePort();
        var b = AppProcess.OnFreePort();
        try
        {
            await a.StartAsync(Environment(dispatch), Ct);
            await b.StartAsync(Environment(dispatch), Ct);
            return new Instances(a, b);
        }
        catch
        {
            await b.DisposeAsync();
            await a.DisposeAsync();
            throw;
        }
    }

    private static readonly string SharedKeyEncryptionKey = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);

    private static List<KeyValuePair<string, string>> Event(int task) => TaskRouterEvents.Form(task, TaskRouterEvents.Caller(task), $"Caller {task}");

    /// <summary>Signed for the public URL both instances share, as Twilio would sign it, and sent to one instance.</summary>
    private static Task PostAsync(AppProcess app, int task) => PostAsync(app, Event(task));

    private static async Task PostAsync(AppProcess app, List<KeyValuePair<string, string>> form)
    {
        using var http = new HttpClient { BaseAddress = app.BaseUrl };
        using var request = TwilioRequests.SignedPost("https://console.example.com/webhooks/taskrouter/events", form, Sids.AuthToken());
        using var response = await http.SendAsync(request, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{response.StatusCode}: {app.Output}");
    }

    [Fact]
    public async Task EventsOnBothInstances_OneTextPerTask_EvenWhenOneIsKilledMidDispatch()
    {
        SkipWithoutServer();
        await using var instances = await TwoInstancesAsync(dispatch: true);
        var (a, b) = (instances.A, instances.B);

        for (var task = 1; task <= Tasks; task++)
        {
            await PostAsync(task % 2 == 0 ? a : b, task);
            await PostAsync(task % 2 == 0 ? b : a, task); // the same event reaches the other instance too
        }

        await a.WaitUntilAsync(() => _twilio.Messages.Count >= 2, TimeSpan.FromSeconds(30), Ct);
        await a.KillAsync();
        await b.WaitUntilAsync(() => Count("\"Status\" = 'Sent'") == Tasks, TimeSpan.FromSeconds(90), Ct);

        Assert.Equal(Tasks, Count("1 = 1"));
        var perNumber = _twilio.Messages.GroupBy(m => m.To).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Tasks, perNumber.Count);
        Assert.All(perNumber, p => Assert.Equal(1, p.Value));
    }

    [Fact]
    public async Task ConcurrentDuplicatesOnBothInstances_StoreOneTextAndOneBoardEventPerEvent()
    {
        SkipWithoutServer();
        await using var instances = await TwoInstancesAsync(dispatch: false);
        var (a, b) = (instances.A, instances.B);

        // 30 tasks, each event sent four times at once, to both instances: the unique indexes decide, not the timing.
        await Task.WhenAll(Enumerable.Range(1, 30).SelectMany(task => Enumerable.Range(0, 4)
            .Select(copy => PostAsync(copy % 2 == 0 ? a : b, TaskRouterEvents.WithEventSid(Event(task))))));

        Assert.Equal(30, Count("1 = 1"));
        Assert.Equal(30, Count("1 = 1", table: "BoardEvents"));
    }

    /// <summary>Signs in through the login form on <paramref name="app"/>; returns the sign-in cookie.</summary>
    private static async Task<Cookie> SignInAsync(AppProcess app)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseUrl };
        var page = await client.GetStringAsync("Account/Login", Ct);
        var form = HiddenInput().Matches(page).Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        form.Add(new("Input.Email", "ops@example.com"));
        form.Add(new("Input.Password", "Str0ng-Passw0rd!"));
        using var signIn = await client.PostAsync("Account/Login", new FormUrlEncodedContent(form), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var identity = cookies.GetCookies(app.BaseUrl).SingleOrDefault(c => c.Name == "TwilioConsole.Auth");
        Assert.True(identity is not null, $"No sign-in cookie. Went to {signIn.Headers.Location}; cookies: {string.Join(", ", cookies.GetCookies(app.BaseUrl).Select(c => c.Name))}");
        return identity;
    }

    private static HttpClient SignedIn(AppProcess app, Cookie identity)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseUrl };
        client.DefaultRequestHeaders.Add("Cookie", $"{identity.Name}={identity.Value}");
        return client;
    }

    [Fact]
    public async Task AnEventReceivedByOneInstance_ReachesTheBoardOnTheOther()
    {
        SkipWithoutServer();
        await using var instances = await TwoInstancesAsync(dispatch: false);
        var (a, b) = (instances.A, instances.B);
        using var onB = SignedIn(b, await SignInAsync(b));
        var at = DateTimeOffset.UtcNow;

        foreach (var (type, seconds, sid) in new[] { ("task.created", -40, 1), ("reservation.accepted", -25, 2), ("task.created", -10, 3) })
        {
            var form = Event(sid == 3 ? 2 : 1);
            form.RemoveAll(f => f.Key == "EventType");
            form.AddRange([new("EventType", type), new("Sid", Sids.Make("EV", sid)),
                new("TimestampMs", at.AddSeconds(seconds).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            using var http = new HttpClient { BaseAddress = a.BaseUrl };
            using var request = TwilioRequests.SignedPost("https://console.example.com/webhooks/taskrouter/events", form, Sids.AuthToken());
            Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(request, Ct)).StatusCode);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        System.Text.Json.JsonElement support = default;
        var last = "";
        while (watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            last = await onB.GetStringAsync("api/live/board", Ct);
            using var board = System.Text.Json.JsonDocument.Parse(last);
            var found = board.RootElement.GetProperty("queues").EnumerateArray().FirstOrDefault(q => q.GetProperty("name").GetString() == "Support");
            support = found.ValueKind == System.Text.Json.JsonValueKind.Undefined ? default : found.Clone(); // not there yet: look again
            if (support.ValueKind == System.Text.Json.JsonValueKind.Object && support.GetProperty("acceptedToday").GetInt32() == 1 && support.GetProperty("waiting").GetInt32() == 1)
            {
                break;
            }

            await Task.Delay(100, Ct);
        }

        Assert.True(support.ValueKind == System.Text.Json.JsonValueKind.Object, $"B's board has no Support queue: {last}\n{b.Output}");
        Assert.Equal((1, 1), (support.GetProperty("acceptedToday").GetInt32(), support.GetProperty("waiting").GetInt32()));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"B saw A's events after {watch.Elapsed}");
    }

    [Fact]
    public async Task EventsPouringIntoBothInstances_AllReachBothBoards()
    {
        // Each instance applies its own events as it commits them and reads the other's from the table (ids interleave).
        SkipWithoutServer();
        await using var instances = await TwoInstancesAsync(dispatch: false);
        var (a, b) = (instances.A, instances.B);
        const int Each = 300;
        var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        List<KeyValuePair<string, string>> Created(int task)
        {
            var form = Event(task);
            form.RemoveAll(f => f.Key == "EventType");
            form.AddRange([new("EventType", "task.created"), new("Sid", Sids.Make("EV", task)), new("TimestampMs", at)]);
            return form;
        }

        await Task.WhenAll(new[] { (App: a, First: 10_000), (App: b, First: 20_000) }.Select(side =>
            Parallel.ForEachAsync(Enumerable.Range(side.First, Each), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct },
                async (task, _) => await PostAsync(side.App, Created(task)))));

        foreach (var app in new[] { a, b })
        {
            using var client = SignedIn(app, await SignInAsync(app));
            var (waiting, last) = (0, "");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(10) && waiting != 2 * Each)
            {
                await Task.Delay(100, Ct);
                last = await client.GetStringAsync("api/live/board", Ct);
                using var board = System.Text.Json.JsonDocument.Parse(last);
                waiting = board.RootElement.GetProperty("queues").EnumerateArray().Sum(q => q.GetProperty("waiting").GetInt32());
            }

            Assert.True(waiting == 2 * Each, $"{app.BaseUrl}'s board has {waiting} of {2 * Each} tasks waiting: {last}");
        }
    }

    [Fact]
    public async Task SignInOnOneInstance_IsASignInOnTheOther()
    {
        SkipWithoutServer();
        await using var instances = await TwoInstancesAsync(dispatch: false);
        var (a, b) = (instances.A, instances.B);
        var identity = await SignInAsync(a);

        using var onB = SignedIn(b, identity);
        using var dashboard = await onB.GetAsync("/", Ct);
        using var anonymous = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = b.BaseUrl }.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode); // the cookie A wrote (with the shared keys) is read by B
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    [Fact]
    public async Task ASecretWrittenByOneInstance_IsReadByTheOther()
    {
        SkipWithoutServer();
        var sandbox = new Dictionary<string, string>(Environment(dispatch: false)) { ["TwilioConsole__Mode"] = "Sandbox" };
        await using var a = AppProcess.OnFreePort();
        await a.StartAsync(sandbox, Ct);
        using (var http = new HttpClient { BaseAddress = a.BaseUrl })
        {
            // The first webhook makes A create the Sandbox signing key, stored encrypted with the shared Data Protection keys.
            using var unsigned = await http.PostAsync("webhooks/taskrouter/events", new FormUrlEncodedContent(Event(1)), Ct);
            Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        }

        await a.KillAsync();
        await using var b = AppProcess.OnFreePort();
        await b.StartAsync(sandbox, Ct);
        var key = UnprotectSandboxKey();
        using var client = new HttpClient { BaseAddress = b.BaseUrl };
        using var signed = await client.SendAsync(TwilioRequests.SignedPost("https://console.example.com/webhooks/taskrouter/events", Event(1), key), Ct);

        Assert.Equal(HttpStatusCode.NoContent, signed.StatusCode); // B read A's encrypted key and checked the signature with it
    }

    /// <summary>Reads the key A stored, with the key ring from the database, as a third instance would.</summary>
    private string UnprotectSandboxKey()
    {
        var services = new ServiceCollection();
        services.AddDbContext<Core.Data.PostgreSqlAppDbContext>(o => o.UseNpgsql(ConnectionString));
        services.AddDataProtection().SetApplicationName("TwilioConsole").PersistKeysToDbContext<Core.Data.PostgreSqlAppDbContext>();
        services.AddOptions<Core.Security.KeyEncryptionKeyOptions>().Configure(o => o.KeyEncryptionKey = SharedKeyEncryptionKey);
        services.AddOptions<Core.Data.DatabaseOptions>();
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = Path.GetTempPath() });
        services.AddSingleton<Core.Security.KeyEncryptionKeyStore>(); // the key ring's keys are sealed with the shared key-encryption key
        using var provider = services.BuildServiceProvider();
        var protector = provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("TwilioConsole.Settings.v1");
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT \"Value\" FROM \"Settings\" WHERE \"Key\" = 'Sandbox:SigningKey'", connection);
        return protector.Unprotect((string)command.ExecuteScalar()!);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();

    private int Count(string where, string table = "ThankYouTexts")
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM \"{table}\" WHERE {where}", connection);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await _twilio.DisposeAsync();
        if (_server is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
