using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Helpdesk;

/// <summary>A ticket's screenshots: read by its author and the agents who may follow it, nobody else.</summary>
internal sealed class TicketFileAccess(HelpdeskAccess access, PreauDbContext db) : IFileAccessPolicy
{
    public string Purpose => HelpdeskService.ScreenshotPurpose;

    public async Task<bool> MayReadAsync(Guid ownerId, CancellationToken ct = default) => await access.OpenAsync(ownerId, ct) is not null;

    public async Task<IReadOnlySet<Guid>> ExistingOwnersAsync(IReadOnlyCollection<Guid> ownerIds, CancellationToken ct = default) =>
        (await db.HelpdeskTickets.Where(t => ownerIds.Contains(t.Id)).Select(t => t.Id).ToListAsync(ct)).ToHashSet();
}
