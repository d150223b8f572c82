using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace HumanSecurityAlerts.RateLimiting;

/// <summary>Which client a request comes from, as a rate-limit key that does not store the address itself.</summary>
public static class ClientAddress
{
    /// <summary>
    /// The right-most <c>X-Forwarded-For</c> entry when there is one (the one the platform's front end appended; entries
    /// to its left are the client's own claims), else the connection's address. IPv6 clients are grouped by /64, the
    /// block one subscriber line usually gets.
    /// </summary>
    public static string Key(string? forwardedFor, IPAddress? connection)
    {
        var address = connection;
        var last = forwardedFor?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (last is not null && TryParse(last, out var forwarded))
        {
            address = forwarded;
        }

        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Array.Clear(bytes, 8, 8);
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..32];
    }

    private static bool TryParse(string value, out IPAddress? address)
    {
        // "1.2.3.4:5678" and "[::1]:5678" carry a port.
        if (IPEndPoint.TryParse(value, out var endpoint))
        {
            address = endpoint.Address;
            return true;
        }

        address = null;
        return IPAddress.TryParse(value.Trim('[', ']'), out address);
    }
}
