using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TwilioConsole.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class BoardEventsPostgreSql : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BoardEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventKey = table.Column<string>(type: "character varying(96)", maxLength: 96, nullable: false),
                    EventType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TaskSid = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: true),
                    QueueSid = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: true),
                    QueueName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    WorkerSid = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: true),
                    WorkerName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Channel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Activity = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BoardEvents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BoardEvents_EventKey",
                table: "BoardEvents",
                column: "EventKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BoardEvents_OccurredAt",
                table: "BoardEvents",
                column: "OccurredAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BoardEvents");
        }
    }
}
