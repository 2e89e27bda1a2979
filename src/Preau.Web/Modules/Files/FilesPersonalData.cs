using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Files;

/// <summary>Every file the person uploaded, whatever the service (documents, attachments, photos, handed-in work).</summary>
internal sealed class FilesPersonalData(PreauDbContext db) : IPersonalDataSection
{
    public string Name => "FilesUploaded";

    public async Task<object> ReadAsync(Guid personId, CancellationToken ct) =>
        await db.FilesStored.AsNoTracking().Where(f => f.CreatedById == personId).OrderByDescending(f => f.CreatedAt)
            .Select(f => new { f.CreatedAt, f.Name, f.ContentType, f.Size, Service = f.Purpose }).ToListAsync(ct);
}
