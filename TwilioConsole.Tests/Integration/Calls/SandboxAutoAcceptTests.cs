using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Onboarding;
using TwilioConsole.Core.Sandbox;
using TwilioConsole.Core.Twilio;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Calls;

/// <summary>
/// What an agent's Flex does with a test call comes from the plugin's own rules (flex-plugin/src/autoAccept.ts, built and
/// run with Jint): a paused agent is left the reservation and the timeline says why; a rule edited in the TypeScript
/// and rebuilt changes the Sandbox with no C# change.
/// </summary>
[Trait("Lane", "Integration")]
public sealed class SandboxAutoAcceptTests : IAsyncDisposable
{
    private readonly string _rules = Path.Combine(Directory.CreateTempSubdirectory("auto-accept-rules-").FullName, "auto-accept-rules.js");
    private readonly ConsoleAppFactory _app;

    public SandboxAutoAcceptTests() => _app = new ConsoleAppFactory(fakeTwilio: false).With(AutoAcceptRules.FileKey, _rules);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_rules)!, recursive: true);
    }

    [Fact]
    public async Task APausedAgent_IsLeftTheReservation_AndTheTimelineSaysWhy()
    {
        File.Copy(Path.Combine(RepoPaths.Root, "flex-plugin", "rules", "auto-accept-rules.js"), _rules);
        await ReadyWithPausedSupportAgentAsync();

        var call = await CallSupportAsync();

        Assert.Equal(SandboxCallState.Queued, call.State);
        Assert.Contains(call.Timeline, e => e.Text.Contains("Sam Lee's Flex does not accept it automatically (the agent has paused auto-accept", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARuleChangedInTheTypeScript_ChangesTheSandbox()
    {
        // The plugin's source with the pause rule taken out, built the way build.mjs builds the rules.
        var source = Directory.CreateTempSubdirectory("auto-accept-src-").FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "flex-plugin", "src"), "*.ts"))
        {
            File.Copy(file, Path.Combine(source, Path.GetFileName(file)));
        }

        var autoAccept = Path.Combine(source, "autoAccept.ts");
        var shipped = await File.ReadAllTextAsync(autoAccept, Ct);
        var edited = shipped.Replace("if (paused) return { accept: false, reason: 'paused', wrapUpSeconds: null, set: null };", "", StringComparison.Ordinal);
        Assert.NotEqual(shipped, edited);
        await File.WriteAllTextAsync(autoAccept, edited, Ct);
        await BuildRulesAsync(Path.Combine(source, "rules.ts"), _rules);
        await ReadyWithPausedSupportAgentAsync();

        var call = await CallSupportAsync();

        Assert.Equal(SandboxCallState.Talking, call.State);
        Assert.Equal("Sam Lee", call.AgentName);
    }

    private async Task ReadyWithPausedSupportAgentAsync()
    {
        await _app.RunQuickStartAsync(Ct, QuickStartStep.Routing, QuickStartStep.Ivr, QuickStartStep.Agents);

        var taskRouter = _app.Services.GetRequiredService<SandboxTaskRouterApi>();
        var sam = await taskRouter.ListWorkersAsync(SandboxAccount.WorkspaceSid, Ct).SingleAsync(w => w.FriendlyName == "Sam Lee", Ct);
        var attributes = System.Text.Json.Nodes.JsonNode.Parse(sam.Attributes)!.AsObject();
        attributes["autoAccept"] = new System.Text.Json.Nodes.JsonObject { ["paused"] = true };
        await taskRouter.UpdateWorkerAsync(SandboxAccount.WorkspaceSid, sam.Sid, new WorkerWrite(Attributes: attributes.ToJsonString()), Ct);
    }

    private async Task<SandboxCall> CallSupportAsync()
    {
        var calls = _app.Services.GetRequiredService<SandboxCalls>();
        var (call, error) = await calls.PlaceAsync("+14155550142", null, Ct);
        Assert.Null(error);
        await calls.PressAsync(call!, "2", Ct);
        return call!;
    }

    private static async Task BuildRulesAsync(string entry, string outfile)
    {
        var esbuild = Path.Combine(RepoPaths.Root, "flex-plugin", "node_modules", "esbuild");
        Assert.True(Directory.Exists(esbuild), $"{esbuild} is missing: run npm ci in flex-plugin/ (./test.sh does before the .NET lanes).");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                "-e",
                "require(process.argv[1]).buildSync({ entryPoints: [process.argv[2]], bundle: true, format: 'iife', globalName: 'AutoAcceptRules', target: 'es2019', outfile: process.argv[3], logLevel: 'error' })",
                esbuild, entry, outfile,
            },
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var errors = await node.StandardError.ReadToEndAsync(Ct);
        await node.WaitForExitAsync(Ct);
        Assert.True(node.ExitCode == 0, errors);
    }
}
