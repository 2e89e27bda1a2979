using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Documents.Contracts;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Documents;

internal static class DocumentsModule
{
    public static void AddDocuments(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<DocumentAccess>();
        builder.Services.AddSingleton<Home.Contracts.INewItemsSource, DocumentNewItems>();
        builder.Services.AddScoped<DocumentActions>();
        builder.Services.AddPersonalDataErasure<DocumentsPersonalData>();
        builder.Services.AddScoped<IFileAccessPolicy, DocumentFileAccess>();
        builder.Services.AddScoped<IDocumentsDemo, DocumentsDemo>();
        // One page serves one's own space, the spaces of classes, schools and groups, and any folder by its id.
        builder.Services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AddPageRoute("/Documents/Pages/Browse", "documents");
            o.Conventions.AddPageRoute("/Documents/Pages/Browse", "documents/dossier/{dossier:guid}");
            o.Conventions.AddPageRoute("/Documents/Pages/Trash", "documents/corbeille");
        });
    }

    public static void MapDocuments(this WebApplication app) => DocumentEndpoints.Map(app);
}
