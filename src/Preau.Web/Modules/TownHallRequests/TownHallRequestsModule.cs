using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.TownHallRequests.Contracts;
using Preau.Web.Modules.TownHallRequests.Requests;
using Preau.Web.Modules.TownHallRequests.Types;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.TownHallRequests;

internal static class TownHallRequestsModule
{
    public static void AddTownHallRequests(this WebApplicationBuilder builder)
    {
        builder.Services.AddPersonalData<TownHallPersonalData>();
        builder.Services.AddScoped<TownHallAccess>();
        builder.Services.AddScoped<TownHallDesk>();
        builder.Services.AddScoped<RequestList>();
        builder.Services.AddScoped<TypeEditing>();
        builder.Services.AddScoped<ITownHallEntries, TownHallEntries>();
        builder.Services.AddScoped<ITownHallDemo, TownHallDemo>();
        builder.Services.AddScoped<IFileAccessPolicy, RequestPhotoAccess>();
    }
}

/// <summary>A request's photos (and their thumbnails): read by exactly who may open the request, both sides; 404 for anybody else.</summary>
internal sealed class RequestPhotoAccess(TownHallAccess access, PreauDbContext db) : IFileAccessPolicy
{
    public string Purpose => TownHallDesk.PhotoPurpose;

    public async Task<bool> MayReadAsync(Guid ownerId, CancellationToken ct = default) => await access.ForRequestAsync(ownerId, ct) is not null;

    public async Task<IReadOnlySet<Guid>> ExistingOwnersAsync(IReadOnlyCollection<Guid> ownerIds, CancellationToken ct = default)
    {
        var ids = ownerIds.ToList();
        return (await db.TownHallRequests.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct)).ToHashSet();
    }
}
