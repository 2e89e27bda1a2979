using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Preau.Web.Modules.Home.Data;

internal sealed class ServiceSettingConfiguration : IEntityTypeConfiguration<ServiceSetting>
{
    public void Configure(EntityTypeBuilder<ServiceSetting> b)
    {
        b.ToTable("home_service_settings");
        b.Property(x => x.ServiceKey).HasMaxLength(40);
        b.HasIndex(x => new { x.ScopeType, x.ScopeId, x.ServiceKey }).IsUnique();
    }
}
