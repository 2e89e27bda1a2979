using System.Net;

namespace Preau.Web.Modules.Operations.Metrics;

/// <summary><c>Preau:Metrics</c>: the Prometheus endpoint, off by default and never public.</summary>
public sealed class MetricsOptions
{
    public bool Enabled { get; set; }

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/24</c>) allowed to scrape <c>/metrics</c> besides loopback.</summary>
    public string[] AllowedNetworks { get; set; } = [];

    public bool Allows(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return IPAddress.IsLoopback(address)
            || AllowedNetworks.Any(n => IPNetwork.TryParse(n.Trim(), out var network) && network.Contains(address));
    }
}
