using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Preau.Web.Modules.People.Data;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("people_persons");
        b.Property(x => x.FirstName).HasMaxLength(100);
        b.Property(x => x.LastName).HasMaxLength(100);
        b.Property(x => x.Ine).HasMaxLength(11);
        b.Property(x => x.UsageName).HasMaxLength(100);
        b.Property(x => x.Sex).HasMaxLength(1);
        b.Property(x => x.Phone).HasMaxLength(30);
        b.HasIndex(x => x.DeleteOn);
        b.Ignore(x => x.DisplayName);
        b.HasIndex(x => new { x.LastName, x.FirstName });
        b.HasIndex(x => x.Ine);
    }

    /// <summary>
    /// The name searched is computed by each database (SearchFold.ColumnSql; called with the provider by the context):
    /// stored and folded on PostgreSQL, a virtual column folded as read on SQLite.
    /// </summary>
    internal static void MapSearchName(ModelBuilder builder, bool postgres) =>
        builder.Entity<Person>().Property(x => x.SearchName)
            .HasComputedColumnSql(Platform.Data.SearchFold.ColumnSql("\"FirstName\" || ' ' || \"LastName\" || ' ' || \"FirstName\"", postgres), stored: postgres);
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.ToTable("people_memberships");
        b.HasIndex(x => x.PersonId);
        // "Who holds a role in this class/school" is the most frequent directory question.
        b.HasIndex(x => new { x.ScopeType, x.ScopeId, x.Role });
        b.Property(x => x.GuestServices).HasMaxLength(100);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GuardianLinkConfiguration : IEntityTypeConfiguration<GuardianLink>
{
    public void Configure(EntityTypeBuilder<GuardianLink> b)
    {
        b.ToTable("people_guardian_links");
        b.HasKey(x => new { x.GuardianId, x.PupilId });
        b.HasIndex(x => x.PupilId);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.GuardianId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PupilId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> b)
    {
        b.ToTable("people_groups");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.HasIndex(x => x.Name);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> b)
    {
        b.ToTable("people_group_members");
        b.HasKey(x => new { x.GroupId, x.PersonId });
        b.HasIndex(x => x.PersonId);
        b.HasOne<Group>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GroupRequestConfiguration : IEntityTypeConfiguration<GroupRequest>
{
    public void Configure(EntityTypeBuilder<GroupRequest> b)
    {
        b.ToTable("people_group_requests");
        // One pending question per person and group: a second invitation or request is refused, not doubled.
        b.HasIndex(x => new { x.GroupId, x.PersonId }).IsUnique();
        b.HasIndex(x => x.PersonId);
        b.HasOne<Group>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
