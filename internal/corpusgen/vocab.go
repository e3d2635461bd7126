package corpusgen

// The vocabulary and templates below are invented for the generator: short
// news-like phrases in the style of Vietnamese and English agency copy, not
// text taken from any article.

// language is one language's vocabulary: sentence parts, templates and the
// page furniture a scraper leaves around its articles.
type language struct {
	code       string
	subjects   []string
	verbs      []string
	objects    []string
	adjuncts   []string
	names      []string
	templates  []string
	captions   []string // "%s" is a name
	sources    []string
	sections   []string
	sites      []string
	furniture  []string
	footers    []string // a site's footer line, repeated on every page of the site
	rangeWords []string // words that introduce a span of years
	dateWord   string   // the word before a full date
	quoteVerbs []string
}

var vietnamese = &language{
	code: "vi",
	subjects: []string{
		"Bộ Y tế", "Ủy ban nhân dân tỉnh Quảng Nam", "Thủ tướng Chính phủ", "Ngân hàng Nhà nước",
		"Sở Giao thông vận tải", "các doanh nghiệp xuất khẩu", "nông dân ở Đồng Tháp",
		"Hội đồng nhân dân thành phố", "Tổng cục Thống kê", "lực lượng cứu hộ", "nhiều trường đại học",
		"Công ty cổ phần Sông Hồng", "Bộ Công Thương", "chính quyền xã Tân Phú", "các nhà khoa học trẻ",
		"Hiệp hội Lương thực", "Cục Hàng không", "đoàn công tác của tỉnh", "người dân vùng ven biển",
		"Ban quản lý dự án", "Viện Nghiên cứu Kinh tế", "các hợp tác xã chè", "Sở Tài nguyên và Môi trường",
	},
	verbs: []string{
		"đã công bố", "cho biết đang triển khai", "vừa phê duyệt", "đề xuất điều chỉnh", "đã kiểm tra",
		"hoàn thành", "khởi công", "tổ chức tổng kết", "tiếp tục mở rộng", "đánh giá cao", "ký kết",
		"đẩy nhanh tiến độ", "lên kế hoạch cho", "đã hỗ trợ", "rà soát lại", "thông qua",
	},
	objects: []string{
		"kế hoạch phát triển hạ tầng", "dự án đường cao tốc ven biển", "chương trình hỗ trợ người dân",
		"báo cáo kinh tế quý ba", "giải pháp tiết kiệm năng lượng", "đề án chuyển đổi số", "mùa vụ lúa mới",
		"hệ thống cấp nước sạch", "quy hoạch khu công nghiệp", "chính sách tín dụng ưu đãi",
		"hợp tác thương mại song phương", "kết quả tuyển sinh", "phương án phòng chống bão",
		"chuỗi cung ứng nông sản", "mạng lưới trạm sạc xe điện", "kho dữ liệu dân cư",
		"tuyến xe buýt nhanh", "công trình thủy lợi", "lễ hội văn hóa truyền thống",
	},
	adjuncts: []string{
		"trong năm nay", "tại Hà Nội", "vào sáng thứ Hai", "với tổng vốn 1.200 tỷ đồng", "theo kế hoạch đã đề ra",
		"nhằm nâng cao chất lượng dịch vụ", "ở các tỉnh miền Trung", "sau nhiều tháng chuẩn bị",
		"trong bối cảnh giá nguyên liệu tăng", "cho giai đoạn tới", "tại Thành phố Hồ Chí Minh",
		"với sự tham gia của hơn 300 đại biểu", "trước mùa mưa lũ", "ngay trong quý tới",
		"tại hội nghị trực tuyến", "theo số liệu mới nhất",
	},
	names: []string{
		"Nguyễn Văn An", "Trần Thị Bích", "Lê Minh Tuấn", "Phạm Quốc Huy", "Hoàng Thu Trang", "Đỗ Đức Long",
		"Vũ Hải Yến", "Bùi Thanh Sơn", "Đặng Ngọc Mai", "Phan Anh Khoa",
	},
	templates: []string{
		"{S} {V} {O} {A}.",
		"Theo {S}, {O} {A} sẽ được triển khai đồng bộ.",
		"{A}, {S} {V} {O}.",
		"“{O} là ưu tiên hàng đầu”, ông {N} cho biết.",
		"Tỷ lệ tăng {P}% so với cùng kỳ năm trước, {A}.",
		"Bà {N}, đại diện {S}, nhấn mạnh {O} cần được thực hiện {A}.",
		"Dự kiến {O} sẽ hoàn thành trong {D} tháng tới.",
		"Đến nay, {S} {V} {O} và {O}.",
		"{S} cũng {V} {O}, góp phần ổn định đời sống người dân.",
		"{S} {V} {O} tại xã {W}, huyện {W} với kinh phí {M} tỷ đồng.",
		"Ông {W} {W}, người dân thôn {W}, cho biết {O} đã giúp gia đình ổn định cuộc sống.",
		"Sau {D} tháng, sản lượng đạt {M} tấn, cao hơn {P}% so với dự kiến.",
	},
	captions:   []string{"(Ảnh: %s/TTXVN)", "(Ảnh: %s)", "Quang cảnh buổi làm việc. (Ảnh: %s/TTXVN)", "Ảnh minh họa: %s"},
	sources:    []string{"Theo TTXVN", "Theo Báo Nhân Dân", "Nguồn: Thông tấn xã"},
	sections:   []string{"Kinh tế", "Xã hội", "Thời sự", "Công nghệ", "Văn hóa"},
	sites:      []string{"Tin Nhanh (TinNhanhPlus)", "Báo Điện tử Phương Nam", "Thời Báo Số"},
	furniture:  []string{"In bài viết", "(0) Bình luận", "Đừng bỏ lỡ", "Mới nhất", "Tìm kiếm", "Bài liên quan", "Theo dòng thời sự", "Chia sẻ bài viết"},
	footers:    []string{"© Bản quyền thuộc về Báo Điện tử Phương Nam. Ghi rõ nguồn khi phát hành lại.", "Tin Nhanh Plus - Cơ quan chủ quản: Công ty Truyền thông Số", "Thời Báo Số - Giấy phép số 123/GP-BTTTT do Bộ cấp"},
	rangeWords: []string{"giai đoạn", "từ", "nhiệm kỳ"},
	dateWord:   "ngày",
	quoteVerbs: []string{"cho biết", "nói"},
}

var english = &language{
	code: "en",
	subjects: []string{
		"The health ministry", "The provincial council", "The central bank", "Local farmers",
		"The transport department", "Several universities", "The statistics office", "Rescue teams",
		"The port authority", "City officials", "A group of young researchers", "The trade association",
	},
	verbs: []string{
		"announced", "said it was expanding", "approved", "proposed changes to", "inspected", "completed",
		"broke ground on", "reviewed", "signed", "speeded up work on", "backed",
	},
	objects: []string{
		"the coastal highway project", "a support programme for households", "the quarterly economic report",
		"an energy saving plan", "the digital transformation scheme", "the new rice harvest",
		"the clean water network", "an industrial park plan", "a preferential credit policy",
		"the flood prevention plan", "a network of charging stations", "the bus rapid transit line",
	},
	adjuncts: []string{
		"this year", "in the capital", "on Monday morning", "with a budget of 1.2 trillion dong", "as planned",
		"to improve services", "in the central provinces", "after months of preparation", "before the rainy season",
		"at an online conference", "according to the latest figures",
	},
	names: []string{"Mary Collins", "David Tran", "Helen Park", "James Nguyen", "Sarah Holt", "Peter Lam"},
	templates: []string{
		"{S} {V} {O} {A}.",
		"According to {S}, {O} will be rolled out {A}.",
		"{A}, {S} {V} {O}.",
		"“{O} is our first priority,” said {N}.",
		"The rate rose {P}% from a year earlier, {A}.",
		"{N}, speaking for {S}, said {O} must be finished {A}.",
		"Work on {O} is expected to end within {D} months.",
		"{S} {V} {O} in {W} district at a cost of {M} million dollars.",
		"Output reached {M} tonnes by month {D}, {P}% above forecasts.",
	},
	captions:   []string{"(Photo: %s/Reuters)", "(Photo: %s)", "File photo: %s"},
	sources:    []string{"Reporting by the newsroom", "Source: wire services"},
	sections:   []string{"Business", "World", "Technology", "Culture"},
	sites:      []string{"Daily Wire Today", "The Harbour Post", "Metro Gazette"},
	furniture:  []string{"Advertisement", "Continue reading the main story", "Share this article", "Most Popular", "Sign up for our newsletter"},
	footers:    []string{"© The Harbour Post. All rights reserved.", "Metro Gazette - Terms of use - Privacy policy", "Daily Wire Today is published by Wire Media Group"},
	rangeWords: []string{"from", "between", "in the period"},
	dateWord:   "",
	quoteVerbs: []string{"said"},
}

// dashedPairs are names written with a dash between two capitalised parts;
// a scraper that drops the dash glues an uppercase letter to the next word.
var dashedPairs = [][2]string{{"châu Á", "Thái Bình Dương"}, {"Á", "Âu"}, {"khu vực Á", "Phi"}}

// gluedWords are two ordinary words whose boundary a dropped link or block
// removed: a lowercase letter followed by an uppercase one.
var gluedWords = [][2]string{{"năm", "Hà Nội"}, {"của", "Bộ Y tế"}, {"tại", "Đà Nẵng"}, {"với", "Ngân hàng"}}

var cmsTags = []string{"【kq bong da hom nay】", "【ty gia usd】", "【lich thi dau】", "【tin nong 24h】"}

var markupLeaks = []string{"&nbsp;", "&amp;", "<br>", "\\xa0", "&quot;"}

var sidebarTitles = []string{
	"Mưa lớn gây sạt lở tại nhiều tuyến đường miền núi",
	"Giá lúa gạo hôm nay tăng nhẹ ở Đồng bằng sông Cửu Long",
	"Ca sĩ trẻ ra mắt album mới sau hai năm vắng bóng",
	"Đội tuyển bóng đá nữ tập trung chuẩn bị cho giải châu lục",
	"Thời tiết cuối tuần: Bắc Bộ trời rét, có mưa phùn",
	"Cảnh báo chiêu lừa đảo qua tin nhắn ngân hàng giả mạo",
}

// Syllables from which the generator makes proper nouns (villages,
// districts, people), so that the text is not all drawn from a few phrases
// and compresses the way real text does.
var onsets = []string{"b", "c", "ch", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s", "t", "th", "tr", "v", "x"}

var rhymes = []string{
	"a", "à", "á", "ả", "ạ", "an", "àn", "ản", "anh", "ành", "ánh", "ao", "ào", "ảo", "ăng", "ằng",
	"âm", "ầm", "ấp", "ên", "ền", "ễn", "inh", "ình", "ỉnh", "oa", "òa", "ong", "òng", "ông", "ồng",
	"ốc", "uân", "uấn", "ung", "ùng", "ương", "ường", "ưởng", "uyên", "uyền", "iêm", "iềm", "ai", "ài", "ải",
}
