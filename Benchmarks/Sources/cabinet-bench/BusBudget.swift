import GatewayCore

/// The RS-485 time one poll cycle needs at a baud rate (DOMAIN.md: RTU timing): for each request, the request and
/// answer frames, a 3.5-character silence after each, and the slave's turnaround.
struct BusBudget {
    let requests: [ReadRequest]

    /// Bytes on the wire for a read: FC 01-04 request 8 bytes; answer 5 + data bytes.
    static func frameBytes(_ request: ReadRequest) -> (request: Int, answer: Int) {
        let data = request.kind.isBit ? (request.count + 7) / 8 : 2 * request.count
        return (8, 5 + data)
    }

    /// Seconds per cycle at `baud` (8N1: 10 bits per character) with `turnaround` seconds per answer.
    func seconds(baud: Int, turnaround: Double) -> Double {
        let character = 10.0 / Double(baud)
        let gap = baud > 19_200 ? 0.00175 : 3.5 * character
        return requests.reduce(0) { total, request in
            let bytes = Self.frameBytes(request)
            return total + Double(bytes.request + bytes.answer) * character + 2 * gap + turnaround
        }
    }
}
