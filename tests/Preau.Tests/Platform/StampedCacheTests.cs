using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Preau.Web.Platform.Auth;

namespace Preau.Tests.Platform;

/// <summary>What many pages read is kept under the access stamp for signed-in requests, and briefly for the others.</summary>
public sealed class StampedCacheTests
{
    private static (StampedCache Cache, HttpContextAccessor Http) NewCache()
    {
        var http = new HttpContextAccessor();
        return (new StampedCache(http, new MemoryCache(new MemoryCacheOptions())), http);
    }

    [Fact]
    public async Task RequestsWithoutAStamp_ShareOneReadForAWhile()
    {
        var (cache, http) = NewCache();
        http.HttpContext = new DefaultHttpContext();
        var loads = 0;
        Task<string> LoadAsync(CancellationToken _) => Task.FromResult($"lecture {++loads}");

        var first = await cache.GetAsync("switches", LoadAsync, CancellationToken.None);
        http.HttpContext = new DefaultHttpContext();
        var second = await cache.GetAsync("switches", LoadAsync, CancellationToken.None);

        Assert.Equal(("lecture 1", "lecture 1", 1), (first, second, loads));
    }

    [Fact]
    public async Task ARaisedStamp_ReadsAgainAtOnce()
    {
        var (cache, http) = NewCache();
        var loads = 0;
        Task<string> LoadAsync(CancellationToken _) => Task.FromResult($"lecture {++loads}");
        http.HttpContext = new DefaultHttpContext { Items = { [AccessContext.StampItem] = 1L } };
        Assert.Equal("lecture 1", await cache.GetAsync("switches", LoadAsync, CancellationToken.None));
        Assert.Equal("lecture 1", await cache.GetAsync("switches", LoadAsync, CancellationToken.None));

        http.HttpContext = new DefaultHttpContext { Items = { [AccessContext.StampItem] = 2L } };

        Assert.Equal("lecture 2", await cache.GetAsync("switches", LoadAsync, CancellationToken.None));
    }
}
