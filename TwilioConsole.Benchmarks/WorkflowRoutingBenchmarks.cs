using System.Text.Json;
using BenchmarkDotNet.Attributes;
using TwilioConsole.Core.Routing;

namespace TwilioConsole.Benchmarks;

/// <summary>
/// Routing one task through the default workflow (two filters, then the default): issue 6 asks for at least
/// 1,000,000 evaluations per second with compiled expressions cached. One operation = one task routed.
/// </summary>
[MemoryDiagnoser]
public class WorkflowRoutingBenchmarks
{
    private readonly WorkflowEvaluator _evaluator = new(RoutingSpec.Default);
    private JsonElement _troubleshooting;
    private JsonElement _support;
    private JsonElement _other;

    private const string CallAttributes = """{"type":"support","from":"+14155550100","to":"+15005550006","direction":"inbound","call_sid":"CA5a4db0c5a4db0c5a4db0c5a4db0c5a4","conversations":{"communication_channel":"voice"}}""";

    [GlobalSetup]
    public void Setup()
    {
        _troubleshooting = JsonDocument.Parse("""{"type":"troubleshooting","from":"+14155550100","direction":"inbound"}""").RootElement.Clone();
        _support = JsonDocument.Parse(CallAttributes).RootElement.Clone();
        _other = JsonDocument.Parse("""{"type":"billing","from":"+14155550100","direction":"inbound"}""").RootElement.Clone();
    }

    [Benchmark(Baseline = true, Description = "Route: first filter matches")]
    public string FirstFilter() => _evaluator.Route(_troubleshooting).Queue;

    [Benchmark(Description = "Route: second filter matches")]
    public string SecondFilter() => _evaluator.Route(_support).Queue;

    [Benchmark(Description = "Route: default filter")]
    public string DefaultFilter() => _evaluator.Route(_other).Queue;

    [Benchmark(Description = "Parse attributes JSON + route")]
    public string ParseAndRoute()
    {
        using var doc = JsonDocument.Parse(CallAttributes);
        return _evaluator.Route(doc.RootElement).Queue;
    }
}
