//! WebSocket frames written and read byte by byte (RFC 6455 §5.2), so the lab
//! can send what no well-behaved library would (a 1-byte Close, a fragmented
//! or masked Close, a reason over 123 bytes) and see exactly what a client
//! answers with: its bits, its mask, its raw close payload.

pub const OP_CONTINUATION: u8 = 0x0;
pub const OP_TEXT: u8 = 0x1;
pub const OP_BINARY: u8 = 0x2;
pub const OP_CLOSE: u8 = 0x8;
pub const OP_PING: u8 = 0x9;
pub const OP_PONG: u8 = 0xA;

/// The mask the server uses on the one case that masks a frame (a server
/// must never mask; the client must fail the connection when it sees one).
const SERVER_MASK: [u8; 4] = [0x37, 0xfa, 0x21, 0x3d];

/// One frame the server sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFrame {
    pub fin: bool,
    pub opcode: u8,
    pub payload: Vec<u8>,
    pub masked: bool,
}

impl OutFrame {
    pub fn new(opcode: u8, payload: impl Into<Vec<u8>>) -> OutFrame {
        OutFrame {
            fin: true,
            opcode,
            payload: payload.into(),
            masked: false,
        }
    }

    pub fn text(text: &str) -> OutFrame {
        OutFrame::new(OP_TEXT, text.as_bytes())
    }

    /// A Close frame with `code` (if any) and `reason`, written as given:
    /// nothing checks that the code may be sent or that the reason fits.
    pub fn close(code: Option<u16>, reason: &[u8]) -> OutFrame {
        let mut payload = Vec::with_capacity(2 + reason.len());
        if let Some(code) = code {
            payload.extend_from_slice(&code.to_be_bytes());
        }
        payload.extend_from_slice(reason);
        OutFrame::new(OP_CLOSE, payload)
    }

    pub fn unfinished(mut self) -> OutFrame {
        self.fin = false;
        self
    }

    pub fn masked(mut self) -> OutFrame {
        self.masked = true;
        self
    }

    /// The frame's bytes on the wire.
    pub fn encode(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(self.payload.len() + 14);
        bytes.push(if self.fin { 0x80 } else { 0 } | self.opcode);
        let mask_bit = if self.masked { 0x80 } else { 0 };
        let length = self.payload.len();
        if length < 126 {
            bytes.push(mask_bit | length as u8);
        } else if let Ok(length) = u16::try_from(length) {
            bytes.push(mask_bit | 126);
            bytes.extend_from_slice(&length.to_be_bytes());
        } else {
            bytes.push(mask_bit | 127);
            bytes.extend_from_slice(&(length as u64).to_be_bytes());
        }
        if self.masked {
            bytes.extend_from_slice(&SERVER_MASK);
            bytes.extend(apply_mask(&self.payload, SERVER_MASK));
        } else {
            bytes.extend_from_slice(&self.payload);
        }
        bytes
    }
}

fn apply_mask(payload: &[u8], mask: [u8; 4]) -> impl Iterator<Item = u8> + '_ {
    payload
        .iter()
        .enumerate()
        .map(move |(index, byte)| byte ^ mask[index % 4])
}

/// One frame a client sent, unmasked, with what its header said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InFrame {
    pub fin: bool,
    /// The three reserved bits; a client without extensions keeps them 0.
    pub rsv: u8,
    pub opcode: u8,
    pub masked: bool,
    pub payload: Vec<u8>,
}

impl InFrame {
    pub fn kind_of(opcode: u8) -> &'static str {
        match opcode {
            OP_CONTINUATION => "continuation",
            OP_TEXT => "text",
            OP_BINARY => "binary",
            OP_CLOSE => "close",
            OP_PING => "ping",
            OP_PONG => "pong",
            _ => "reserved opcode",
        }
    }
}

/// A frame announced as bigger than the lab reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge(pub u64);

/// Reads client frames from bytes as they arrive, holding at most one
/// frame of `max_payload` bytes.
pub struct Reader {
    buffer: Vec<u8>,
    max_payload: usize,
}

impl Reader {
    pub fn new(max_payload: usize) -> Reader {
        Reader {
            buffer: Vec::new(),
            max_payload,
        }
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    /// The next whole frame, `Ok(None)` until one has arrived.
    pub fn next_frame(&mut self) -> Result<Option<InFrame>, TooLarge> {
        let buffer = &self.buffer;
        if buffer.len() < 2 {
            return Ok(None);
        }
        let masked = buffer[1] & 0x80 != 0;
        let (length, mut offset) = match buffer[1] & 0x7f {
            126 if buffer.len() >= 4 => (u64::from(u16::from_be_bytes([buffer[2], buffer[3]])), 4),
            127 if buffer.len() >= 10 => {
                let bytes: [u8; 8] = buffer[2..10].try_into().expect("eight bytes");
                (u64::from_be_bytes(bytes), 10)
            }
            126 | 127 => return Ok(None),
            short => (u64::from(short), 2),
        };
        if length > self.max_payload as u64 {
            return Err(TooLarge(length));
        }
        let mask = if masked {
            let Some(mask) = buffer.get(offset..offset + 4) else {
                return Ok(None);
            };
            offset += 4;
            Some(<[u8; 4]>::try_from(mask).expect("four bytes"))
        } else {
            None
        };
        let end = offset + length as usize;
        if buffer.len() < end {
            return Ok(None);
        }
        let raw = &buffer[offset..end];
        let payload = match mask {
            Some(mask) => apply_mask(raw, mask).collect(),
            None => raw.to_vec(),
        };
        let frame = InFrame {
            fin: buffer[0] & 0x80 != 0,
            rsv: (buffer[0] >> 4) & 0x7,
            opcode: buffer[0] & 0x0f,
            masked,
            payload,
        };
        self.buffer.drain(..end);
        Ok(Some(frame))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked_client_frame(opcode: u8, payload: &[u8]) -> Vec<u8> {
        let mask = [1, 2, 3, 4];
        let mut bytes = vec![0x80 | opcode, 0x80 | payload.len() as u8];
        bytes.extend_from_slice(&mask);
        bytes.extend(apply_mask(payload, mask));
        bytes
    }

    #[test]
    fn frames_are_read_as_their_bytes_arrive() {
        let mut reader = Reader::new(1024);
        let bytes = masked_client_frame(OP_CLOSE, &[0x03, 0xe8, b'o', b'k']);
        for byte in &bytes[..bytes.len() - 1] {
            reader.push(&[*byte]);
            assert_eq!(reader.next_frame(), Ok(None));
        }
        reader.push(&bytes[bytes.len() - 1..]);
        let frame = reader.next_frame().unwrap().unwrap();
        assert_eq!(InFrame::kind_of(frame.opcode), "close");
        assert!(frame.fin && frame.masked);
        assert_eq!(frame.payload, [0x03, 0xe8, b'o', b'k']);
        assert_eq!(reader.next_frame(), Ok(None));
    }

    #[test]
    fn long_lengths_and_oversized_frames() {
        let frame = OutFrame::new(OP_BINARY, vec![7; 300]);
        let bytes = frame.encode();
        assert_eq!(&bytes[..4], &[0x82, 126, 0x01, 0x2c]);
        let mut reader = Reader::new(1024);
        reader.push(&bytes);
        let read = reader.next_frame().unwrap().unwrap();
        assert!(!read.masked);
        assert_eq!(read.payload.len(), 300);
        let mut small = Reader::new(100);
        small.push(&bytes);
        assert_eq!(small.next_frame(), Err(TooLarge(300)));
    }

    #[test]
    fn the_masked_close_unmasks_to_its_payload() {
        let bytes = OutFrame::close(Some(1000), b"").masked().encode();
        assert_eq!(bytes[1], 0x80 | 2);
        let mut reader = Reader::new(16);
        reader.push(&bytes);
        let read = reader.next_frame().unwrap().unwrap();
        assert!(read.masked);
        assert_eq!(read.payload, [0x03, 0xe8]);
    }

    #[test]
    fn a_fragmented_close_keeps_fin_clear() {
        let bytes = OutFrame::close(Some(1000), b"").unfinished().encode();
        assert_eq!(bytes[0], OP_CLOSE);
    }
}
