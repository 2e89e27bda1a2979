using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Preau.Web.Modules.People.Data;

namespace Preau.Web.Modules.Accounts.Data;

internal sealed class PreauUserConfiguration : IEntityTypeConfiguration<PreauUser>
{
    public void Configure(EntityTypeBuilder<PreauUser> b)
    {
        b.HasOne<Person>().WithOne().HasForeignKey<PreauUser>(x => x.Id).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CharterConfiguration : IEntityTypeConfiguration<Charter>
{
    public void Configure(EntityTypeBuilder<Charter> b)
    {
        b.ToTable("accounts_charters");
        b.HasIndex(x => new { x.Audience, x.Version }).IsUnique();
    }
}

internal sealed class LoginEventConfiguration : IEntityTypeConfiguration<LoginEvent>
{
    public void Configure(EntityTypeBuilder<LoginEvent> b)
    {
        b.ToTable("accounts_login_events");
        b.Property(x => x.Ip).HasMaxLength(45);
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.UserId, x.At });
        // The failed sign-ins of one address over the last minute (FailedSignIns). Partial: the trail keeps a year of
        // every sign-in, and only the few failures need this index (successes neither pay for it nor fill it).
        // The filter is FailedSignIns.Failures' SQL to the letter, so that both databases match it to the query.
        b.HasIndex(x => new { x.Ip, x.At }).HasFilter(Login.FailedSignIns.FailureFilterSql);
    }
}

internal sealed class KnownDeviceConfiguration : IEntityTypeConfiguration<KnownDevice>
{
    public void Configure(EntityTypeBuilder<KnownDevice> b)
    {
        b.ToTable("accounts_devices");
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.Property(x => x.UserAgent).HasMaxLength(200);
        b.HasIndex(x => new { x.UserId, x.TokenHash }).IsUnique();
        b.HasOne<PreauUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GdprRequestConfiguration : IEntityTypeConfiguration<GdprRequest>
{
    public void Configure(EntityTypeBuilder<GdprRequest> b)
    {
        b.ToTable("accounts_gdpr_requests");
        b.Property(x => x.Requester).HasMaxLength(200);
        b.Property(x => x.Notes).HasMaxLength(2000);
        b.Property(x => x.Answer).HasMaxLength(2000);
        b.Ignore(x => x.DueOn);
        b.HasIndex(x => new { x.ClosedAt, x.ReceivedOn });
        b.HasIndex(x => x.PersonId);
    }
}
