using System.Threading.Channels;
using Preau.Web.Modules.UsageStats.Contracts;

namespace Preau.Web.Modules.UsageStats.Capture;

internal readonly record struct PendingUse(Guid PersonId, string Service, string Action, DateTime At);

/// <summary>
/// The bounded queue between requests and the writer. A request only enqueues; when the writer falls behind by more
/// than the capacity, new uses are dropped and counted rather than slowing pages down (statistics may lose a little).
/// </summary>
public sealed class UsageEventQueue(TimeProvider time) : IUsageRecorder
{
    public const int Capacity = 50_000;

    private readonly Channel<PendingUse> _channel = Channel.CreateBounded<PendingUse>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = false });

    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    internal ChannelReader<PendingUse> Reader => _channel.Reader;

    public void Record(Guid personId, string service, string action)
    {
        if (personId == Guid.Empty || !_channel.Writer.TryWrite(new PendingUse(personId, service, action, time.GetUtcNow().UtcDateTime)))
        {
            Interlocked.Increment(ref _dropped);
        }
    }
}
