using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Preau.Web.Modules.Communication.Data;

internal sealed class CommunicationRuleConfiguration : IEntityTypeConfiguration<CommunicationRule>
{
    public void Configure(EntityTypeBuilder<CommunicationRule> b)
    {
        b.ToTable("communication_rules");
        b.HasIndex(x => new { x.SenderProfile, x.RecipientProfile, x.Relation }).IsUnique();
    }
}

internal sealed class ClassMessagingSettingConfiguration : IEntityTypeConfiguration<ClassMessagingSetting>
{
    public void Configure(EntityTypeBuilder<ClassMessagingSetting> b)
    {
        b.ToTable("communication_class_settings");
        b.HasKey(x => x.ClassId);
    }
}

internal sealed class PupilMessagingClosureConfiguration : IEntityTypeConfiguration<PupilMessagingClosure>
{
    public void Configure(EntityTypeBuilder<PupilMessagingClosure> b)
    {
        b.ToTable("communication_pupil_closures");
        b.HasKey(x => x.PupilId);
    }
}

internal sealed class CurfewSettingConfiguration : IEntityTypeConfiguration<CurfewSetting>
{
    public void Configure(EntityTypeBuilder<CurfewSetting> b)
    {
        b.ToTable("communication_curfew");
        b.Property(x => x.Id).ValueGeneratedNever();
    }
}

internal sealed class CrisisSwitchConfiguration : IEntityTypeConfiguration<CrisisSwitch>
{
    public void Configure(EntityTypeBuilder<CrisisSwitch> b)
    {
        b.ToTable("communication_crisis_switches");
        b.Property(x => x.Message).HasMaxLength(1000);
        b.HasIndex(x => x.EndsAt);
    }
}
