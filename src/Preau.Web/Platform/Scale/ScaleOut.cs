using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace Preau.Web.Platform.Scale;

/// <summary>
/// Several instances behind a proxy (ADR 0015): on when <c>ConnectionStrings:Redis</c> is set. Off, the single process
/// keeps its keys on disk, its SignalR groups and caches in memory and runs every background job itself.
/// </summary>
public sealed class ScaleOutOptions
{
    public string? RedisConnectionString { get; init; }
    public bool Enabled => !string.IsNullOrWhiteSpace(RedisConnectionString);
}

internal static class ScaleOut
{
    /// <summary>Prefix of every Redis key and channel, so that one Redis may serve other applications too.</summary>
    public const string Prefix = "preau:";

    /// <summary>Data-protection keys (cookies, antiforgery), SignalR backplane and cache invalidation in Redis when configured.</summary>
    public static void AddPreauScaleOut(this WebApplicationBuilder builder, IDataProtectionBuilder dataProtection, string keysFolder)
    {
        var options = new ScaleOutOptions { RedisConnectionString = builder.Configuration.GetConnectionString("Redis") };
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<Jobs.JobLeases>();
        builder.Services.AddMemoryCache();
        if (!options.Enabled)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysFolder));
            builder.Services.AddSingleton<ISharedCache, LocalCache>();
            builder.Services.AddSingleton<IInstanceBroadcast, NoOtherInstance>();
            return;
        }
        var configuration = ConfigurationOptions.Parse(options.RedisConnectionString!);
        // An instance starts (and answers 503 on /readyz) while Redis is away, then reconnects by itself.
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = 3000;
        var redis = ConnectionMultiplexer.Connect(configuration);
        builder.Services.AddSingleton<IConnectionMultiplexer>(redis);
        // Every instance must read the cookies and antiforgery tokens of the others.
        dataProtection.PersistKeysToStackExchangeRedis(redis, Prefix + "data-protection-keys");
        // A notification pushed by the instance that dispatched it reaches a page connected to another one.
        builder.Services.AddSignalR().AddStackExchangeRedis(o =>
        {
            o.Configuration = configuration.Clone();
            o.Configuration.ChannelPrefix = RedisChannel.Literal(Prefix + "signalr");
        });
        builder.Services.AddSingleton<ISharedCache, RedisInvalidatedCache>();
        builder.Services.AddSingleton<IInstanceBroadcast, RedisBroadcast>();
    }
}

/// <summary>
/// Short messages from one instance to the others (none without Redis): for what each keeps in memory and must hear of
/// at once, beyond a cache entry to remove (<see cref="ISharedCache"/>). Fire and forget: a message lost while Redis is
/// away is made up for by the receiver's own limits (a lifetime of a few seconds).
/// </summary>
public interface IInstanceBroadcast
{
    void Publish(string channel, string message);

    /// <summary>Messages published by the other instances (never this one's own).</summary>
    void Subscribe(string channel, Action<string> handler);
}

internal sealed class NoOtherInstance : IInstanceBroadcast
{
    public void Publish(string channel, string message)
    {
    }

    public void Subscribe(string channel, Action<string> handler)
    {
    }
}

internal sealed class RedisBroadcast(IConnectionMultiplexer redis, ILogger<RedisBroadcast> logger) : IInstanceBroadcast
{
    // Redis hands a message to its publisher too when it listens to the channel: the sender's mark sets it aside.
    private readonly string _self = Guid.NewGuid().ToString("N") + "|";

    public void Publish(string channel, string message)
    {
        try
        {
            redis.GetSubscriber().Publish(RedisChannel.Literal(ScaleOut.Prefix + channel), _self + message, CommandFlags.FireAndForget);
        }
        catch (RedisException e)
        {
            logger.LogWarning("Message not broadcast on {Channel} ({Error})", channel, e.GetType().Name);
        }
    }

    public void Subscribe(string channel, Action<string> handler) =>
        redis.GetSubscriber().Subscribe(RedisChannel.Literal(ScaleOut.Prefix + channel), (_, value) =>
        {
            var text = (string?)value;
            if (text is not null && !text.StartsWith(_self, StringComparison.Ordinal) && text.IndexOf('|', StringComparison.Ordinal) is var bar and >= 0)
            {
                handler(text[(bar + 1)..]);
            }
        });
}

/// <summary>
/// What the app keeps in memory for a few seconds (the charter version, the active crisis switches): a change made on
/// one instance removes the entry on every instance, so they all show it from their next page on.
/// </summary>
public interface ISharedCache
{
    Task<T> GetOrCreateAsync<T>(string key, TimeSpan lifetime, Func<Task<T>> create);

    /// <summary>After the underlying data changed: this instance at once, the others as soon as Redis tells them.</summary>
    void Invalidate(string key);
}

internal sealed class LocalCache(IMemoryCache cache) : ISharedCache
{
    public async Task<T> GetOrCreateAsync<T>(string key, TimeSpan lifetime, Func<Task<T>> create) =>
        (await cache.GetOrCreateAsync(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = lifetime;
            return create();
        }))!;

    public void Invalidate(string key) => cache.Remove(key);
}

/// <summary>Local memory, with removals broadcast to every instance over a Redis channel.</summary>
internal sealed class RedisInvalidatedCache : ISharedCache
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(ScaleOut.Prefix + "cache-invalidate");
    private readonly LocalCache _local;
    private readonly ISubscriber _subscriber;
    private readonly ILogger<RedisInvalidatedCache> _logger;

    public RedisInvalidatedCache(IMemoryCache cache, IConnectionMultiplexer redis, ILogger<RedisInvalidatedCache> logger)
    {
        _local = new LocalCache(cache);
        _logger = logger;
        _subscriber = redis.GetSubscriber();
        _subscriber.Subscribe(Channel, (_, key) => cache.Remove((string)key!));
    }

    public Task<T> GetOrCreateAsync<T>(string key, TimeSpan lifetime, Func<Task<T>> create) => _local.GetOrCreateAsync(key, lifetime, create);

    public void Invalidate(string key)
    {
        _local.Invalidate(key);
        try
        {
            _subscriber.Publish(Channel, key, CommandFlags.FireAndForget);
        }
        catch (RedisException e)
        {
            // The other instances then follow within the entry's lifetime (a few seconds).
            _logger.LogWarning("Cache invalidation not broadcast ({Error})", e.GetType().Name);
        }
    }
}
