using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Preau.Web.Modules.Territory.Data;

internal sealed class TerritoryInfoConfiguration : IEntityTypeConfiguration<TerritoryInfo>
{
    public void Configure(EntityTypeBuilder<TerritoryInfo> b)
    {
        b.ToTable("territory_info");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Code).HasMaxLength(3);
        b.Property(x => x.HolidayZone).HasMaxLength(1);
    }
}

internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> b)
    {
        b.ToTable("territory_districts");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Code).HasMaxLength(20);
        b.HasIndex(x => x.Name);
    }
}

internal sealed class LocalAuthorityConfiguration : IEntityTypeConfiguration<LocalAuthority>
{
    public void Configure(EntityTypeBuilder<LocalAuthority> b)
    {
        b.ToTable("territory_local_authorities");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.OfficialCode).HasMaxLength(20);
        b.HasIndex(x => x.Name);
    }
}

internal sealed class LocalAuthorityMemberConfiguration : IEntityTypeConfiguration<LocalAuthorityMember>
{
    public void Configure(EntityTypeBuilder<LocalAuthorityMember> b)
    {
        b.ToTable("territory_local_authority_members");
        b.HasKey(x => new { x.GroupId, x.MunicipalityId });
        b.HasIndex(x => x.MunicipalityId);
        b.HasOne<LocalAuthority>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<LocalAuthority>().WithMany().HasForeignKey(x => x.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SchoolConfiguration : IEntityTypeConfiguration<School>
{
    public void Configure(EntityTypeBuilder<School> b)
    {
        b.ToTable("territory_schools");
        b.Property(x => x.Uai).HasMaxLength(8);
        b.HasIndex(x => x.Uai).IsUnique();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Address).HasMaxLength(300);
        b.Property(x => x.PostalCode).HasMaxLength(10);
        b.Property(x => x.City).HasMaxLength(100);
        b.HasIndex(x => x.Name);
        b.HasIndex(x => x.LocalAuthorityId);
        b.HasIndex(x => x.DistrictId);
        b.HasOne<LocalAuthority>().WithMany().HasForeignKey(x => x.LocalAuthorityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SchoolYearConfiguration : IEntityTypeConfiguration<SchoolYear>
{
    public void Configure(EntityTypeBuilder<SchoolYear> b)
    {
        b.ToTable("territory_school_years");
        b.Property(x => x.Label).HasMaxLength(9);
        b.HasIndex(x => x.Label).IsUnique();
    }
}

internal sealed class SchoolClassConfiguration : IEntityTypeConfiguration<SchoolClass>
{
    public void Configure(EntityTypeBuilder<SchoolClass> b)
    {
        b.ToTable("territory_classes");
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.OndeId).HasMaxLength(50);
        b.HasIndex(x => new { x.SchoolId, x.SchoolYearId });
        b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SchoolYear>().WithMany().HasForeignKey(x => x.SchoolYearId).OnDelete(DeleteBehavior.Restrict);
    }
}
