using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Preau.Web.Modules.AccountImport.Data;

public enum ImportKind
{
    Onde = 0,
    Staff = 1,
}

/// <summary>One applied import: who, when, which school, and the report people can download again.</summary>
public sealed class ImportBatch
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public ImportKind Kind { get; set; }
    public Guid SchoolId { get; set; }
    public Guid? ActorId { get; set; }
    public DateTime AppliedAt { get; set; }
    /// <summary>The JSON report (counts, changes and every unusable row with its line and reason).</summary>
    public required string ReportJson { get; set; }
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> b)
    {
        b.ToTable("import_batches");
        b.HasIndex(x => new { x.SchoolId, x.AppliedAt });
    }
}
