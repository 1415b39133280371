using System.Threading.Channels;

namespace TwilioConsole.Core.Operations;

/// <summary>
/// Group commit for webhook work: requests post items, one writer takes whatever has queued (up to a batch) and writes
/// it in one go. A batch that throws fails each of its items (their webhooks answer 5xx, so Twilio retries) and the
/// writer goes on; the writer starts on first use and restarts should it ever end. Failures are reported to
/// <see cref="LoopHealth"/> under <paramref name="name"/> and logged once per run of failures by the owner.
/// </summary>
public sealed class BatchWriter<TItem>(string name, int maxBatch, Func<List<TItem>, Task> write, Action<TItem, Exception> fail,
    LoopHealth health, Action<Exception, int> logFailure) : IDisposable
{
    private readonly Channel<TItem> _items = Channel.CreateUnbounded<TItem>(new() { SingleReader = true });
    private readonly Lock _gate = new();
    private Task? _writer;

    /// <exception cref="ObjectDisposedException">The writer was shut down.</exception>
    public void Post(TItem item)
    {
        lock (_gate)
        {
            if (_writer is null || _writer.IsCompleted)
            {
                _writer = Task.Run(LoopAsync, CancellationToken.None);
            }
        }

        ObjectDisposedException.ThrowIf(!_items.Writer.TryWrite(item), this);
    }

    private async Task LoopAsync()
    {
        var batch = new List<TItem>(maxBatch);
        while (await _items.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < maxBatch && _items.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                await write(batch);
                health.Succeeded(name);
            }
#pragma warning disable CA1031 // whatever the database throws (SQLite, Npgsql, a time-out), the batch fails and the writer goes on
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (health.Failed(name, e))
                {
                    logFailure(e, batch.Count);
                }

                foreach (var item in batch)
                {
                    fail(item, e);
                }
            }
        }
    }

    public void Dispose() => _items.Writer.TryComplete();
}
