using BenchmarkDotNet.Running;
using TwilioConsole.Benchmarks;

// See bench/README.md:
//   dotnet run -c Release --project TwilioConsole.Benchmarks -- --filter '*'      BenchmarkDotNet micro-benchmarks
//   dotnet run -c Release --project TwilioConsole.Benchmarks -- load [seconds] [connections]
//   dotnet run -c Release --project TwilioConsole.Benchmarks -- drain [texts] [concurrency]
//   dotnet run -c Release --project TwilioConsole.Benchmarks -- circuits [pages…]
//   dotnet run -c Release --project TwilioConsole.Benchmarks -- storage [stored] [measured]   SQLite's cost per event, by design
//   bench/wrk.sh [seconds] [connections]      wrk against the published app (calls the "wrk" mode below)
return args.FirstOrDefault() switch
{
    "load" => await WebhookLoad.RunAsync(args.Skip(1).ToArray()),
    "drain" => await OutboxDrain.RunAsync(args.Skip(1).ToArray()),
    "circuits" => await CircuitMemory.RunAsync(args.Skip(1).ToArray()),
    "board" => await BoardLatency.RunAsync(args.Skip(1).ToArray()),
    "storage" => await StorageDesigns.RunAsync(args.Skip(1).ToArray()),
    "wrk" => await WrkLoad.RunAsync(args.Skip(1).ToArray()),
    "kestrel" => await WrkLoad.ServeKestrelAsync(args[1]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(WorkflowRoutingBenchmarks).Assembly).Run(args);
    return 0;
}
