using Microsoft.AspNetCore.Http.HttpResults;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Messaging.Attachments;
using Preau.Web.Modules.Messaging.Contracts;
using Preau.Web.Modules.Messaging.Moderation;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Messaging;

internal static class MessagingModule
{
    public sealed record UnreadCount(int Unread);

    public static void AddMessaging(this WebApplicationBuilder builder)
    {
        builder.Services.AddPersonalData<MessagingPersonalData>();
        builder.Services.AddScoped<MailQueries>();
        builder.Services.AddScoped<IMessagingCounts>(s => s.GetRequiredService<MailQueries>());
        builder.Services.AddScoped<MailActions>();
        builder.Services.AddScoped<RecipientDirectory>();
        builder.Services.AddScoped<ModerationService>();
        builder.Services.AddScoped<MessageAttachments>();
        builder.Services.AddScoped<IFileAccessPolicy, MessageFileAccess>();
    }

    public static void MapMessagingApi(this WebApplication app, RouteGroupBuilder api)
    {
        var group = api.MapGroup("/messaging").WithTags("Messaging").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/unread-count", async Task<Ok<UnreadCount>> (AccessContext context, IMessagingCounts counts, CancellationToken ct) =>
        {
            var a = await context.GetAsync(ct);
            return TypedResults.Ok(new UnreadCount(await counts.UnreadAsync(a.PersonId, ct)));
        }).WithName("GetMessagingUnreadCount").WithSummary("Le nombre de messages non lus de la personne connectée");
    }
}
