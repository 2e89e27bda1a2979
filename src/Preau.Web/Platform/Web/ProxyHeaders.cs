using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Preau.Web.Platform.Web;

/// <summary><c>Preau:Proxy</c>: the reverse proxies whose <c>X-Forwarded-For</c>/<c>-Proto</c> are believed.</summary>
public sealed class ProxyOptions
{
    /// <summary>Addresses of the proxies (default: loopback, nginx on the same host).</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation (<c>10.0.0.0/24</c>).</summary>
    public string[] KnownNetworks { get; set; } = [];
}

internal static class ProxyHeaders
{
    /// <summary>
    /// Behind nginx every request comes from loopback: the client's own address (login rate limit, /metrics allowed
    /// networks, login log) and scheme come from the proxy's headers, believed only from the known proxies, so that a
    /// client cannot claim another address by sending the header itself.
    /// </summary>
    public static void AddPreauProxyHeaders(this WebApplicationBuilder builder)
    {
        var proxy = builder.Configuration.GetSection("Preau:Proxy").Get<ProxyOptions>() ?? new ProxyOptions();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the last hop (the proxy's own view of the client) counts: what the client wrote before it is ignored.
            o.ForwardLimit = 1;
            foreach (var address in proxy.KnownProxies.Where(a => !string.IsNullOrWhiteSpace(a)))
            {
                o.KnownProxies.Add(IPAddress.Parse(address.Trim()));
            }
            foreach (var network in proxy.KnownNetworks.Where(n => !string.IsNullOrWhiteSpace(n)))
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
            }
        });
    }
}
