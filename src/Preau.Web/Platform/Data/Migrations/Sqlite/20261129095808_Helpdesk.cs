using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Helpdesk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ImpersonatorId",
                table: "platform_audit_events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ip",
                table: "platform_audit_events",
                type: "TEXT",
                maxLength: 45,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "helpdesk_articles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Service = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BodyHtml = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    IsResolved = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_helpdesk_articles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "helpdesk_tickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Category = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    PageUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    AssigneeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FirstResponseAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EscalatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Satisfaction = table.Column<int>(type: "INTEGER", nullable: true),
                    SatisfactionComment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_helpdesk_tickets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_helpdesk_tickets_people_persons_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "people_persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "helpdesk_impersonation_consents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrantedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    WithdrawnAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_helpdesk_impersonation_consents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_helpdesk_impersonation_consents_helpdesk_tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "helpdesk_tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "helpdesk_ticket_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_helpdesk_ticket_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_helpdesk_ticket_events_helpdesk_tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "helpdesk_tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "helpdesk_impersonation_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConsentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_helpdesk_impersonation_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_helpdesk_impersonation_sessions_helpdesk_impersonation_consents_ConsentId",
                        column: x => x.ConsentId,
                        principalTable: "helpdesk_impersonation_consents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_platform_audit_events_ActorId_At",
                table: "platform_audit_events",
                columns: new[] { "ActorId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_audit_events_ImpersonatorId_At",
                table: "platform_audit_events",
                columns: new[] { "ImpersonatorId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_helpdesk_articles_Kind_IsResolved_UpdatedAt",
                table: "helpdesk_articles",
                columns: new[] { "Kind", "IsResolved", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_helpdesk_articles_Service",
                table: "helpdesk_articles",
                column: "Service");

            migrationBuilder.CreateIndex(
                name: "IX_helpdesk_impersonation_consents_TicketId_ExpiresAt",
                table: "helpdesk_impersonation_consents",
                columns: new[] { "TicketId", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_helpdesk_impersonation_sessions_AgentId",
                table: "helpdesk_impersonation_sessions",
                column: "AgentId");

            migrationBuilder.CreateIndex(
                name: "IX_helpdesk_impersonation_sessions_ConsentId",
                table: "helpdesk_impersonation_sessions",
                column: "ConsentId");

            migrationBuilder.CreateIndex(
                name: "IX_helpdesk_ticket_events_TicketId_At",
                table: "helpdesk_ticket_events",
                columns: new[] { "TicketId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_helpdesk_tickets_AuthorId_UpdatedAt",
                table: "helpdesk_tickets",
                columns: new[] { "AuthorId", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_helpdesk_tickets_DistrictId_Level_Status_UpdatedAt",
                table: "helpdesk_tickets",
                columns: new[] { "DistrictId", "Level", "Status", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_helpdesk_tickets_Level_Status_UpdatedAt",
                table: "helpdesk_tickets",
                columns: new[] { "Level", "Status", "UpdatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "helpdesk_articles");

            migrationBuilder.DropTable(
                name: "helpdesk_impersonation_sessions");

            migrationBuilder.DropTable(
                name: "helpdesk_ticket_events");

            migrationBuilder.DropTable(
                name: "helpdesk_impersonation_consents");

            migrationBuilder.DropTable(
                name: "helpdesk_tickets");

            migrationBuilder.DropIndex(
                name: "IX_platform_audit_events_ActorId_At",
                table: "platform_audit_events");

            migrationBuilder.DropIndex(
                name: "IX_platform_audit_events_ImpersonatorId_At",
                table: "platform_audit_events");

            migrationBuilder.DropColumn(
                name: "ImpersonatorId",
                table: "platform_audit_events");

            migrationBuilder.DropColumn(
                name: "Ip",
                table: "platform_audit_events");
        }
    }
}
