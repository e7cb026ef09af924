import Foundation

/// Reads a file in large chunks and hands out bytes one at a time, so parsers
/// stream files of any size in flat memory.
struct ByteReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var exhausted = false
    private static let chunkSize = 1 << 20
    /// Bytes handed out so far, to estimate how many records a file holds.
    var consumed: Int { base + position }
    private var base = 0
    /// The file's size in bytes; nil for devices and pipes, whose size says nothing.
    let fileSize: Int?

    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportError(file: path, problem: FileManager.default.fileExists(atPath: path)
                ? "cannot be opened for reading" : "no such file")
        }
        self.handle = handle
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        fileSize = attributes?[.type] as? FileAttributeType == .typeRegular ? (attributes?[.size] as? Int) : nil
    }

    @inline(__always)
    mutating func next() throws -> UInt8? {
        if position < buffer.count {
            defer { position += 1 }
            return buffer[position]
        }
        guard try refill() else { return nil }
        defer { position += 1 }
        return buffer[position]
    }

    @inline(__always)
    mutating func peek() throws -> UInt8? {
        if position < buffer.count { return buffer[position] }
        guard try refill() else { return nil }
        return buffer[position]
    }

    /// Appends the bytes before the next stop byte (or the end of the buffered chunk) to
    /// `out` in one copy, and ORs them into `seen`; returns how many it took. Parsers call
    /// it for the plain stretches between the bytes that mean something to them.
    @inline(__always)
    mutating func appendRun(to out: inout [UInt8], seen: inout UInt8, stop: (UInt8) -> Bool) -> Int {
        guard position < buffer.count else { return 0 }
        let start = position
        let (end, bits) = buffer.withUnsafeBufferPointer { b -> (Int, UInt8) in
            var i = start
            var bits: UInt8 = 0
            while i < b.count {
                let c = b[i]
                if stop(c) { break }
                bits |= c
                i += 1
            }
            if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i])) }
            return (i, bits)
        }
        position = end
        seen |= bits
        return end - start
    }

    /// `appendRun` stopping at a newline or a NUL, both found with `memchr` (vector
    /// instructions) rather than a test per byte: JSON Lines reads whole lines this way.
    mutating func appendLine(to out: inout [UInt8], seen: inout UInt8) -> Int {
        guard position < buffer.count else { return 0 }
        let start = position
        let (end, bits) = buffer.withUnsafeBufferPointer { b -> (Int, UInt8) in
            let base = UnsafeRawPointer(b.baseAddress!)
            var end = b.count
            if let newline = memchr(base + start, 0x0A, end - start) { end = base.distance(to: UnsafeRawPointer(newline)) }
            if let nul = memchr(base + start, 0, end - start) { end = base.distance(to: UnsafeRawPointer(nul)) }
            var bits: UInt8 = 0
            for i in start..<end { bits |= b[i] }
            if end > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<end])) }
            return (end, bits)
        }
        position = end
        seen |= bits
        return end - start
    }

    private mutating func refill() throws -> Bool {
        if exhausted { return false }
        let data = try handle.read(upToCount: ByteReader.chunkSize) ?? Data()
        if data.isEmpty {
            exhausted = true
            try? handle.close()
            return false
        }
        base += buffer.count
        buffer = [UInt8](data)
        position = 0
        return true
    }
}

enum UTF8Text {
    /// Decodes bytes as UTF-8, or reports the 1-based character column of the first bad byte.
    enum Decoded { case text(String), badByte(column: Int) }

    static func decode(_ bytes: ArraySlice<UInt8>) -> Decoded {
        if let s = String(validating: bytes, as: UTF8.self) { return .text(s) }
        var column = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: column += 1
            case .emptyInput, .error: return .badByte(column: column)
            }
        }
    }
}
