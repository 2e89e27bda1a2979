using Preau.Web.Modules.People.Data;

namespace Preau.Web.Modules.Home.Data;

/// <summary>A service switched on or off for a school, class or group; absence means the service's default.</summary>
public sealed class ServiceSetting
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public ScopeType ScopeType { get; set; }
    public Guid ScopeId { get; set; }
    public required string ServiceKey { get; set; }
    public bool Enabled { get; set; }
}
