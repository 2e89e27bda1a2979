using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.LiaisonBook.Attachments;
using Preau.Web.Modules.LiaisonBook.Contracts;

namespace Preau.Web.Modules.LiaisonBook;

internal static class LiaisonBookModule
{
    public static void AddLiaisonBook(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<LiaisonQueries>();
        builder.Services.AddScoped<LiaisonActions>();
        builder.Services.AddScoped<ILiaisonCounts, LiaisonCountsService>();
        builder.Services.AddScoped<NoteAttachments>();
        builder.Services.AddScoped<IFileAccessPolicy, NoteFileAccess>();
    }
}
